using System.Diagnostics;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// The broker stops and starts again in the middle of a stream of orders published over AMQP: every order the broker
/// confirmed ends Completed, exactly once.
/// </summary>
/// <remarks>
/// The hub's bus is in memory here; only the adapter uses the broker. With the bus on RabbitMQ too, an order can be
/// stranded mid-saga by a restart while the saga's state is kept in memory (it is not rolled back when the publish after
/// a transition fails); that waits for durable saga storage, and start-up recovery re-drives such orders meanwhile.
/// </remarks>
[Collection(RabbitCollection.Name)]
public sealed class BrokerRestartTests
{
    private const int OrderCount = 30;
    private const int RestartAfter = 10;

    [RabbitFact]
    public async Task Every_confirmed_order_completes_exactly_once_across_a_broker_restart()
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("restart");
        try
        {
            await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:Adapters:RabbitMq:ConnectionString"] = vhost });
            var orders = Enumerable.Range(0, OrderCount).Select(_ => Orders.Valid()).ToList();
            await using var publisher = new RetryingPublisher(vhost);

            foreach (var order in orders.Take(RestartAfter))
            {
                await publisher.PublishConfirmedAsync("order.place", AmqpTestClient.Json(order), order.OrderNumber!);
            }

            // The broker goes away with the first orders in flight; the rest are published while it is away (the
            // publisher keeps retrying until confirmed) and once it is back.
            await RabbitServer.StopAsync();
            var rest = Task.Run(async () =>
            {
                foreach (var order in orders.Skip(RestartAfter))
                {
                    await publisher.PublishConfirmedAsync("order.place", AmqpTestClient.Json(order), order.OrderNumber!);
                }
            });
            await RabbitServer.StartAsync();
            await rest;

            foreach (var order in orders)
            {
                var status = await Eventually.MatchAsync(
                    () => hub.Gateway.GetOrderStatusAsync(order.OrderNumber!, CancellationToken.None),
                    s => s is not null && s.Status is nameof(OrderStatus.Completed) or nameof(OrderStatus.Failed),
                    $"order {order.OrderNumber} to finish",
                    TimeSpan.FromSeconds(120));
                Assert.Equal(nameof(OrderStatus.Completed), status!.Status);
            }

            var accepted = await hub.JournalAsync(q => q.Where(e => e.Direction == JournalDirection.Inbound && e.Outcome == JournalOutcomes.Accepted));
            Assert.Equal(orders.Select(o => o.OrderNumber).Order(), accepted.Select(e => e.OrderNumber).Order());
            Assert.Equal(OrderCount, hub.Demo.Payments.CaptureCount);
            Assert.True(publisher.Reconnections > 0, "the broker restart never reached the publisher: the test did not test a restart");
        }
        finally
        {
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }

    /// <summary>
    /// A publisher as the contract expects one: it republishes (under the same message id) until the broker confirms,
    /// reconnecting while the broker is away.
    /// </summary>
    private sealed class RetryingPublisher(string brokerUri) : IAsyncDisposable
    {
        private AmqpTestClient? _client;

        public int Reconnections { get; private set; }

        public async Task PublishConfirmedAsync(string routingKey, byte[] body, string messageId)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    _client ??= await AmqpTestClient.ConnectAsync(brokerUri);
                    await _client.PublishAsync(routingKey, body, AmqpTestClient.Properties(messageId));
                    return;
                }
                catch (Exception ex) when (deadline.Elapsed < TimeSpan.FromSeconds(120) && ex is not OutOfMemoryException)
                {
                    Reconnections++;
                    await DropAsync();
                    await Task.Delay(TimeSpan.FromMilliseconds(250));
                }
            }
        }

        public ValueTask DisposeAsync() => new(DropAsync());

        private async Task DropAsync()
        {
            if (_client is { } client)
            {
                _client = null;
                try
                {
                    await client.DisposeAsync();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The connection is already gone with the broker; nothing to close.
                }
            }
        }
    }
}
