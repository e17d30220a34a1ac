using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.RabbitMq;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>
/// An order published over AMQP with a W3C <c>traceparent</c> header continues the publisher's trace through the whole
/// flow, with the hub's own bus on the same broker: every journal entry of the order carries the publisher's trace id.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class AmqpTraceTests(AmqpTraceTests.BusOnBrokerHub fixture) : IClassFixture<AmqpTraceTests.BusOnBrokerHub>
{
    /// <summary>The AMQP intake and the hub's bus on one virtual host: the order's steps cross the broker too.</summary>
    public sealed class BusOnBrokerHub : AmqpHubFixture
    {
        protected override bool BusOnRabbitMq => true;

        protected override string Prefix => "trace";
    }

    [RabbitFact]
    public async Task Order_published_with_a_traceparent_is_journaled_under_the_publishers_trace_to_the_shipment_booking()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var parent = $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var order = Orders.Valid();
        var properties = AmqpTestClient.Properties(Guid.NewGuid().ToString());
        properties.Headers = new Dictionary<string, object?> { [TraceContext.TraceParent] = parent };

        await client.PublishAsync("order.place", AmqpTestClient.Json(order), properties);

        var status = await fixture.Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal("Completed", status!.Status);
        var journal = await Eventually.MatchAsync(
            () => fixture.Hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber)),
            entries => entries.Any(e => e.Destination == "shipping"),
            "the shipment booking in the journal");
        Assert.All(journal, entry => Assert.Equal(traceId.ToHexString(), entry.TraceId));
        Assert.Contains(journal, e => e.Destination == "inventory");
        Assert.Contains(journal, e => e.Destination == "payments");
    }
}
