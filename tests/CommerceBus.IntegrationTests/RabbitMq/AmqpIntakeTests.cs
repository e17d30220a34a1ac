using System.Text;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// The AMQP contract end to end, published with a plain AMQP client: outcome events, every kind of rejection, and
/// message ids processed at most once. The hub's bus is in memory; only the adapter uses the broker.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class AmqpIntakeTests(AmqpHubFixture fixture) : IClassFixture<AmqpHubFixture>
{
    private TestHub Hub => fixture.Hub;

    [RabbitFact]
    public async Task Accepted_order_completes_and_its_events_carry_the_correlation_id()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        await using var events = await client.ListenToEventsAsync();
        var order = Orders.Valid();

        await client.PublishAsync("order.place", AmqpTestClient.Json(order), AmqpTestClient.Properties(Guid.NewGuid().ToString(), "corr-complete-1"));

        var completed = await events.WaitForAsync("order.completed", order.OrderNumber!);
        Assert.Equal("Completed", completed.Body.Status);
        Assert.Equal("corr-complete-1", completed.Body.CorrelationId);
        Assert.Equal("corr-complete-1", completed.CorrelationId);
        var accepted = await events.WaitForAsync("order.accepted", order.OrderNumber!);
        Assert.Equal(completed.Body.TrackingId, accepted.Body.TrackingId);
        var status = await Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None);
        Assert.Equal("amqp:tests", (await Hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber))).First().SourceAdapter);
        Assert.Equal(completed.Body.TrackingId, status!.TrackingId);
    }

    [RabbitFact]
    public async Task Out_of_stock_order_publishes_order_failed_naming_the_sku()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        await using var events = await client.ListenToEventsAsync();
        var order = Orders.Valid() with { Lines = [new OrderLine { Sku = "OOS-9", Quantity = 1, UnitPrice = 1m }] };

        await client.PublishAsync("order.place", AmqpTestClient.Json(order), AmqpTestClient.Properties(Guid.NewGuid().ToString()));

        var failed = await events.WaitForAsync("order.failed", order.OrderNumber!);
        Assert.Contains("OOS-9", failed.Body.Reason, StringComparison.Ordinal);
    }

    [RabbitTheory]
    [InlineData("not-json", "order.place", "body: not JSON")]
    [InlineData("field-rule", "order.place", "currency:")]
    [InlineData("unknown-key", "order.ship", "routing key 'order.ship': unknown")]
    [InlineData("unknown-order", "order.cancel", "is not known to the hub")]
    [InlineData("bad-cancel", "order.cancel", "orderNumber:")]
    public async Task Message_the_hub_cannot_accept_lands_in_the_rejected_queue_untouched_with_its_reason(string kind, string routingKey, string reason)
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var body = kind switch
        {
            "not-json" => Encoding.UTF8.GetBytes("<order>not json</order>"),
            "field-rule" => AmqpTestClient.Json(Orders.Valid() with { Currency = "XXX" }),
            "unknown-key" => AmqpTestClient.Json(Orders.Valid()),
            "unknown-order" => Encoding.UTF8.GetBytes($$"""{"orderNumber":"{{Orders.NewNumber("U")}}","reason":"test"}"""),
            _ => Encoding.UTF8.GetBytes("""{"reason":"no order number"}"""),
        };
        var messageId = $"{kind}-{Guid.NewGuid():N}";

        await client.PublishAsync(routingKey, body, AmqpTestClient.Properties(messageId, "corr-" + kind));

        var rejected = await client.TakeRejectedAsync(messageId);
        Assert.Contains(reason, rejected.Header(AmqpHeaders.Reason), StringComparison.Ordinal);
        Assert.Equal(routingKey, rejected.Header(AmqpHeaders.RoutingKey));
        Assert.Equal(body, rejected.Body);
        Assert.Equal("corr-" + kind, rejected.Properties.CorrelationId);
        Assert.Equal("tests", rejected.Properties.AppId);
        Assert.Equal("application/json", rejected.Properties.ContentType);
        Assert.Equal("acme", rejected.Header("x-tenant"));
    }

    [RabbitFact]
    public async Task Message_without_a_message_id_is_rejected_saying_so()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var order = Orders.Valid();
        var properties = AmqpTestClient.Properties(null);
        var marker = Guid.NewGuid().ToString();
        properties.Headers!["x-marker"] = marker;

        await client.PublishAsync("order.place", AmqpTestClient.Json(order), properties);

        var rejected = await Eventually.MatchAsync(
            async () => await client.Channel.BasicGetAsync(AmqpTestClient.RejectedQueue, autoAck: true) is { } got
                ? new RejectedMessage(got.BasicProperties, got.Body.ToArray(), got.RoutingKey)
                : null,
            m => m?.Header("x-marker") == marker,
            "the message without an id in the rejected queue");
        Assert.StartsWith("message_id: required", rejected!.Header(AmqpHeaders.Reason), StringComparison.Ordinal);
        Assert.Null(await Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None));
    }

    [RabbitFact]
    public async Task Message_id_seen_before_is_not_applied_again_even_with_another_body()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var first = Orders.Valid();
        var other = Orders.Valid();
        var messageId = "billing-" + Guid.NewGuid().ToString("N");

        await client.PublishAsync("order.place", AmqpTestClient.Json(first), AmqpTestClient.Properties(messageId));
        await client.PublishAsync("order.place", AmqpTestClient.Json(first), AmqpTestClient.Properties(messageId));
        await client.PublishAsync("order.place", AmqpTestClient.Json(other), AmqpTestClient.Properties(messageId));

        var entries = await Eventually.MatchAsync(
            () => Hub.JournalAsync(q => q.Where(e => e.SourceAdapter == "amqp:tests" && e.Direction == JournalDirection.Inbound && e.MessageId == AmqpMessageIds.From(messageId, "tests"))),
            e => e.Count == 3,
            "three journal entries for the message id");
        Assert.Equal([JournalOutcomes.Accepted, JournalOutcomes.Duplicate, JournalOutcomes.Duplicate], entries.Select(e => e.Outcome));
        Assert.All(entries, e => Assert.Equal(first.OrderNumber, e.OrderNumber));
        Assert.Null(await Hub.Gateway.GetStatusAsync(OrderFamily.Name, other.OrderNumber!, CancellationToken.None));
        await Hub.WaitForStatusAsync(first.OrderNumber!, nameof(OrderStatus.Completed));
    }
}
