using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CommerceBus.Bench.Bus.Hop;
using CommerceBus.Bench.Bus.Reporting;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Host;
using CommerceBus.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace CommerceBus.Bench.Bus.Flow;

/// <summary>
/// Issue 21 item 5a: what a user buys the hub for. Orders placed over REST (and over AMQP when the hub runs on
/// RabbitMQ) are fulfilled end to end by the real saga and the four demo endpoints over their real protocols
/// (inventory on the bus, payments over HTTP, the ERP over SOAP, shipping over TCP), which answer at once; completed
/// orders per second and the process's CPU per completed order, with the wall time of each stage from the hub's spans.
/// </summary>
internal static class WholeFlowScenario
{
    private const int Clients = 8;

    public static async Task<IReadOnlyList<ResultTable>> RunAsync(BenchServers servers, BenchOptions options)
    {
        var table = new ResultTable("Whole flow: orders placed, fulfilled through the saga and the four demo endpoints",
            "Hub", "placed over", "orders completed", "orders/s completed", "CPU ms/completed order", "failed", "still under way at the deadline");
        var stages = new ResultTable("Whole flow: where an order's time goes (span durations per completed order)",
            "Hub", "span (source: name)", "spans/order", "ms/order (wall)", "mean ms/span");
        var count = options.Count(200);
        var variants = new List<(string Name, string? Postgres, Uri? Broker)> { ("embedded default: SQLite, in-memory bus", null, null) };
        if (servers.Postgres is not null && servers.RabbitMq is not null)
        {
            variants.Add(("RabbitMQ + PostgreSQL", await servers.CreateDatabaseAsync("bench_flow"), servers.RabbitMq));
        }
        else
        {
            table.Add("RabbitMQ + PostgreSQL", BenchServers.Missing, "", "", "", "", "");
        }

        foreach (var (name, postgres, broker) in variants)
        {
            using var spans = new SpanTimes();
            var app = Build(postgres, broker);
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                await using var amqp = broker is null ? null : await AmqpOrders.StartAsync(broker);
                // Rounds until the JIT has settled: one round of 20 orders ended while the tier-1 recompiles still ran,
                // and a profile of the measured window then showed the JIT's thread at a quarter of the process's CPU.
                Progress.Say($"flow ({name}): warming up");
                var round = 0;
                await JitWarmup.UntilSettledAsync($"flow ({name})",
                    () => PlaceAndCompleteAsync(app, http, amqp, $"W{++round}-", Math.Max(20, count / 10)));

                Progress.Say($"flow ({name}): {count} orders");
                spans.Recording = true;
                var cpu = CpuClock.Start();
                var watch = Stopwatch.StartNew();
                var (completed, failed) = await PlaceAndCompleteAsync(app, http, amqp, "F-", count);
                var pending = count - completed - failed;
                var seconds = watch.Elapsed.TotalSeconds;
                var cpuMs = cpu.MillisecondsPer(Math.Max(1, completed));
                spans.Recording = false;
                Progress.Say($"flow ({name}): {completed / seconds:N0} orders/s, {cpuMs:0.00} ms CPU per order");
                table.Add(name, amqp is null ? "REST" : "REST and AMQP (half each)", Format.Number(completed), Format.Rate(completed / seconds),
                    Format.Number(cpuMs, "0.00"), Format.Number(failed), Format.Number(pending));
                foreach (var (span, perOrder, msPerOrder, mean) in spans.Top(Math.Max(1, completed), 12))
                {
                    stages.Add(name, span, Format.Number(perOrder, "0.0"), Format.Number(msPerOrder, "0.00"), Format.Number(mean, "0.00"));
                }
            }
            finally
            {
                // Stopped, not disposed (see ODataScenario).
                await app.StopAsync();
            }
        }

        table.Note($"{count} orders after a warm-up in rounds of {Math.Max(20, count / 10)} orders until a round compiles fewer than {JitWarmup.SettledBelow} methods, placed by {Clients} concurrent clients (closed loop, each waits for its 202 or its publisher confirm), " +
            "counted when the order's status is Completed in the hub's database (polled every 250 ms, for at most 4 minutes after the last placement); orders/s is completed orders over the time from the " +
            "first placement to the last completion. Every step goes over its real protocol to the demo endpoints, which run **in the hub's process** " +
            "(SOAP service, HTTP service, TCP server, bus consumer) and answer at once: CPU per order is that whole process's (hub, endpoints and the " +
            "bench's clients), so it is an upper bound of the hub's own. The intake's share alone is the durable-intake scenario's CPU per order.");
        stages.Note("Span durations summed by span name over the measured orders, divided by the completed orders, the twelve largest: wall time, " +
            "so a stage's figure includes waiting for a core on this shared machine, and nested spans overlap (a delivery's span contains the " +
            "endpoint's answer; the pipeline's contains the commit). They show which stage takes the time, not a CPU split.");
        return [table, stages];
    }

    private static WebApplication Build(string? postgres, Uri? broker)
    {
        var port = HubRelay.FreePort();
        var erpEu = $"http://127.0.0.1:{HubRelay.FreePort()}";
        var erpUs = $"http://127.0.0.1:{HubRelay.FreePort()}";
        var payments = $"http://127.0.0.1:{HubRelay.FreePort()}";
        var shipping = HubRelay.FreePort().ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Storage:SqlitePath"] = Path.Combine(BenchServers.TempDirectory("flow"), "commercebus.db"),
            ["CommerceBus:Storage:PostgreSql"] = postgres ?? "",
            ["CommerceBus:RabbitMq:ConnectionString"] = broker?.ToString() ?? "",
            ["CommerceBus:DemoEndpoints:Enabled"] = "true",
            ["CommerceBus:DemoEndpoints:LegacyErp:EuUrl"] = erpEu,
            ["CommerceBus:DemoEndpoints:LegacyErp:UsUrl"] = erpUs,
            ["CommerceBus:Endpoints:erp-eu:Address"] = erpEu + "/LegacyErp/BookingService",
            ["CommerceBus:Endpoints:erp-us:Address"] = erpUs + "/LegacyErp/BookingService",
            ["CommerceBus:DemoEndpoints:Payments:Url"] = payments,
            ["CommerceBus:Endpoints:payments:BaseUrl"] = payments + "/",
            ["CommerceBus:DemoEndpoints:Shipping:Port"] = shipping,
            ["CommerceBus:Endpoints:shipping:Port"] = shipping,
            ["CommerceBus:Adapters:Tcp:Listeners:terminals:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Error",
        };
        return HubApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        });
    }

    /// <summary>Places <paramref name="count"/> orders (half over AMQP when there is a broker) and waits until each has ended; completed and failed.</summary>
    private static async Task<(int Completed, int Failed)> PlaceAndCompleteAsync(WebApplication app, HttpClient http, AmqpOrders? amqp, string prefix, int count)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= count)
            {
                var number = $"{prefix}{i:D7}";
                if (amqp is not null && i % 2 == 0)
                {
                    await amqp.PlaceAsync(number);
                    continue;
                }

                using var content = new StringContent(OrderJson(number), Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("/api/orders", content);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"POST /api/orders answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));

        var databases = app.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var db = await databases.CreateDbContextAsync();
            var ended = await db.OrderSagas.AsNoTracking()
                .Where(s => s.OrderNumber.StartsWith(prefix) && (s.Status == "Completed" || s.Status == "Failed" || s.Status == "Cancelled"))
                .GroupBy(s => s.Status == "Completed")
                .Select(g => new { Completed = g.Key, Count = g.Count() })
                .ToListAsync();
            var completed = ended.Where(e => e.Completed).Sum(e => e.Count);
            var failed = ended.Where(e => !e.Completed).Sum(e => e.Count);
            if (completed + failed >= count)
            {
                return (completed, failed);
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(4))
            {
                // Reported as still under way (the table says how many), not waited for: the run must end.
                Progress.Say($"flow: after 4 minutes {completed} of {count} orders completed and {failed} failed; the rest are still under way");
                return (completed, failed);
            }

            await Task.Delay(250);
        }
    }

    internal static string OrderJson(string number) =>
        $$"""
        {"orderNumber":"{{number}}","customerId":"C-42","currency":"EUR","region":"EU",
         "shipTo":{"name":"Ada Lovelace","street":"12 Analytical Way","city":"London","postalCode":"NW1 2DB","country":"GB"},
         "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":19.99},{"sku":"PEN-777","quantity":1,"unitPrice":3.50}]}
        """;

    /// <summary>An outside application placing orders on the hub's AMQP intake (persistent, publisher confirms).</summary>
    private sealed class AmqpOrders(IConnection connection, IChannel channel) : IAsyncDisposable
    {
        public static async Task<AmqpOrders> StartAsync(Uri broker)
        {
            var connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "bench-flow" }.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            return new AmqpOrders(connection, channel);
        }

        public async Task PlaceAsync(string number)
        {
            var properties = new BasicProperties
            {
                MessageId = Guid.NewGuid().ToString(),
                CorrelationId = number,
                ContentType = "application/json",
                AppId = "bench",
                Persistent = true,
            };
            await channel.BasicPublishAsync("commerce.inbound", "order.place", mandatory: true, properties, Encoding.UTF8.GetBytes(OrderJson(number)));
        }

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
