using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.RabbitMq;
using CommerceBus.IntegrationTests.Rest;
using CommerceBus.IntegrationTests.Sagas;
using CommerceBus.IntegrationTests.Soap;
using CommerceBus.IntegrationTests.Tcp;
using Microsoft.EntityFrameworkCore;
using Xunit;
using CommerceBus.Fulfillment.Orders;

namespace CommerceBus.IntegrationTests.Faults;

/// <summary>
/// The hub process is killed with SIGKILL while orders stream in over every adapter (REST, SOAP, TCP, AMQP) and started
/// again on the same storage. Clients behave as the contracts ask: a request that got no answer is sent again under the
/// same order number (AMQP: the same message id, until the broker confirms). Every order then completes exactly once.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class HubKilledUnderLoadTests
{
    private const int OrdersPerAdapter = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(100);
    private static readonly string[] Adapters = ["rest", "soap", "tcp", "amqp"];
    private static readonly string[] Steps = ["ReserveStock", "CapturePayment", "BookOrder", "BookShipment"];

    [RabbitFact]
    public async Task Embedded_hub_killed_while_orders_flow_in_over_every_adapter_completes_each_accepted_order_once()
    {
        var data = NewDataDirectory();
        var vhost = await RabbitServer.CreateVirtualHostAsync("fault-kill");
        try
        {
            var sqlite = Path.Combine(data, "commercebus.db");
            await KillUnderLoadAsync(data, vhost, new() { ["CommerceBus:Storage:SqlitePath"] = sqlite },
                () => new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={sqlite}").UseHubModelWithOrders().Options));
        }
        finally
        {
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }

    [RabbitPostgresFact]
    public async Task RabbitMq_PostgreSql_hub_killed_while_orders_flow_in_over_every_adapter_completes_each_accepted_order_once()
    {
        var data = NewDataDirectory();
        var vhost = await RabbitServer.CreateVirtualHostAsync("fault-kill");
        var database = await PostgresServer.CreateDatabaseAsync("fault_kill");
        try
        {
            await KillUnderLoadAsync(data, vhost, new()
            {
                ["CommerceBus:Storage:PostgreSql"] = database,
                ["CommerceBus:RabbitMq:ConnectionString"] = vhost,
            }, () => new HubDbContext(new DbContextOptionsBuilder<HubDbContext>().UseNpgsql(database).UseHubModelWithOrders().Options));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }

    private static async Task KillUnderLoadAsync(string data, string vhost, Dictionary<string, string> settings, Func<HubDbContext> readBack)
    {
        // Every hub process of the test listens for terminals on the same port, so a terminal reconnects after the crash.
        var tcpPort = TestHub.FreeTcpPort();
        settings["CommerceBus:Adapters:Tcp:Listeners:terminals:Port"] = tcpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["CommerceBus:Adapters:RabbitMq:ConnectionString"] = vhost;

        var orders = Adapters.ToDictionary(a => a, _ => Enumerable.Range(0, OrdersPerAdapter).Select(_ => Orders.Valid()).ToList());
        var stream = new OrderStream(await HubProcess.StartAsync(data, settings), tcpPort, vhost);
        try
        {
            var flowing = Adapters.Select(a => stream.SendAllAsync(a, orders[a])).ToList();

            // Kill once every adapter has had at least one order accepted, with the rest still coming.
            await stream.FirstAcceptedOnEveryAdapter.WaitAsync(Deadline);
            stream.Current.Crash();
            stream.Current.Dispose();
            stream.Current = await HubProcess.StartAsync(data, settings);
            await Task.WhenAll(flowing).WaitAsync(Deadline);

            var all = orders.Values.SelectMany(o => o).ToList();
            foreach (var order in all)
            {
                Assert.Equal("Completed", await FinalStatusAsync(stream.Current, order.OrderNumber!));
            }

            await using var db = readBack();
            var numbers = all.Select(o => o.OrderNumber!).ToList();
            var journal = await db.Journal.AsNoTracking().Where(e => e.OrderNumber != null && numbers.Contains(e.OrderNumber)).ToListAsync();
            // The read model is projected inside each saga step and the saga row is written just after it.
            var sagas = await Eventually.MatchAsync(
                () => db.OrderSagas.AsNoTracking().Where(s => numbers.Contains(s.OrderNumber)).ToListAsync(),
                l => l.Count >= numbers.Count && l.All(s => s.CurrentState == "Completed"),
                "every stored saga to be Completed");
            foreach (var number in numbers)
            {
                // Accepted once: a re-sent request was answered as the same order, not taken on again.
                var accepted = journal.Where(e => e.OrderNumber == number && e.Direction == JournalDirection.Inbound && e.Outcome == JournalOutcomes.Accepted).ToList();
                Assert.Single(accepted);
                var saga = Assert.Single(sagas, s => s.OrderNumber == number);
                Assert.Equal("Completed", saga.CurrentState);

                // Each step reached its endpoint, every time under the step's one idempotency key (the order's tracking
                // id and the command type), so the endpoint applied it once even when a crash made the hub ask again.
                foreach (var step in Steps)
                {
                    var deliveries = journal.Where(e => e.OrderNumber == number && e.Direction == JournalDirection.Outbound
                        && e.Outcome == JournalOutcomes.Delivered && e.MessageType.StartsWith(step, StringComparison.Ordinal)).ToList();
                    Assert.NotEmpty(deliveries);
                    Assert.All(deliveries, d => Assert.Equal(saga.CorrelationId, d.TrackingId));
                }

                Assert.Single(journal, e => e.OrderNumber == number && e.Detail == "order Completed");
            }

            Assert.True(stream.FailedAttempts > 0 || stream.AcceptedBeforeCrash < numbers.Count,
                "the crash interrupted nothing: the test did not test a crash under load");
        }
        finally
        {
            stream.Current.Dispose();
        }
    }

    private static string NewDataDirectory()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        return data;
    }

    private static async Task<string> FinalStatusAsync(HubProcess hub, string orderNumber)
    {
        var status = await Eventually.MatchAsync(
            async () =>
            {
                using var response = await hub.Http.GetAsync($"/api/orders/{orderNumber}");
                return response.StatusCode == HttpStatusCode.OK
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()
                    : null;
            },
            s => s is "Completed" or "Failed" or "Cancelled",
            $"order {orderNumber} to finish (log: {hub.Log})",
            Deadline);
        return status!;
    }

    /// <summary>
    /// Clients of the four adapters sending their orders one after another to whichever hub process is current,
    /// sending a request again (same order number, same AMQP message id) until it is answered.
    /// </summary>
    private sealed class OrderStream(HubProcess first, int tcpPort, string vhost)
    {
        private readonly TaskCompletionSource _everyAdapter = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HashSet<string> _adaptersWithAnAcceptedOrder = [];
        private int _failedAttempts;
        private int _acceptedBeforeCrash;
        private readonly HubProcess _first = first;
        private volatile HubProcess _current = first;

        public HubProcess Current
        {
            get => _current;
            set => _current = value;
        }

        public Task FirstAcceptedOnEveryAdapter => _everyAdapter.Task;

        public int FailedAttempts => _failedAttempts;

        public int AcceptedBeforeCrash => _acceptedBeforeCrash;

        public async Task SendAllAsync(string adapter, IReadOnlyList<PlaceOrder> orders)
        {
            await using var amqp = adapter == "amqp" ? new RetryingPublisher(vhost) : null;
            foreach (var order in orders)
            {
                var messageId = Guid.NewGuid().ToString();
                var started = DateTime.UtcNow;
                while (true)
                {
                    var hub = Current;
                    try
                    {
                        if (amqp is not null)
                        {
                            // A broker-confirmed message is the hub's to process; the broker keeps it across the crash.
                            await amqp.PublishConfirmedAsync("order.place", AmqpTestClient.Json(order), messageId);
                        }
                        else
                        {
                            var reply = await PlaceAsync(adapter, hub, order);
                            Assert.True(reply.Accepted, $"{adapter} refused order {order.OrderNumber}: {reply.Message}");
                        }

                        break;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException or TaskCanceledException or InvalidOperationException)
                    {
                        // No answer: the hub died under the request, or is not back yet. Ask again, as a client would.
                        Interlocked.Increment(ref _failedAttempts);
                        if (DateTime.UtcNow - started > Deadline)
                        {
                            throw;
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(200));
                    }
                }

                if (ReferenceEquals(Current, _first))
                {
                    Interlocked.Increment(ref _acceptedBeforeCrash);
                }

                lock (_adaptersWithAnAcceptedOrder)
                {
                    if (_adaptersWithAnAcceptedOrder.Add(adapter) && _adaptersWithAnAcceptedOrder.Count == Adapters.Length)
                    {
                        _everyAdapter.TrySetResult();
                    }
                }
            }
        }

        private async Task<AdapterReply> PlaceAsync(string adapter, HubProcess hub, PlaceOrder order)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            switch (adapter)
            {
                case "rest":
                    return await new RestOrderClient(hub.Http).PlaceOrderAsync(order, timeout.Token);
                case "soap":
                    return await new RawSoapClient(hub.Http, soap12: false).PlaceOrderAsync(order, timeout.Token);
                default:
                    await using (var tcp = new TcpOrderClient(await TerminalClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, tcpPort))))
                    {
                        return await tcp.PlaceOrderAsync(order, timeout.Token);
                    }
            }
        }
    }
}
