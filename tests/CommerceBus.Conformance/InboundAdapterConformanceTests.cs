using CommerceBus.Contracts.Orders;
using Xunit;

namespace CommerceBus.Conformance;

/// <summary>
/// The behaviour every inbound adapter owes its clients, whatever the protocol. An adapter's test project subclasses
/// this in one line with its factory; what the adapter declares it cannot do is skipped, not failed.
/// </summary>
/// <remarks>The hub behind the adapter runs the demo endpoints, so outcomes follow from the order's content.</remarks>
public abstract class InboundAdapterConformanceTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IAdapterConformanceFactory
{
    protected TFactory Factory { get; } = factory;

    [SkippableFact]
    public async Task Valid_order_is_accepted()
    {
        await using var client = await Factory.ConnectAsync(CancellationToken.None);

        var reply = await client.PlaceOrderAsync(Orders.Valid(), CancellationToken.None);

        Assert.True(reply.Accepted, reply.Message);
        Assert.Equal(Refusal.None, reply.Refusal);
    }

    [SkippableFact]
    public async Task Resent_identical_order_is_accepted_again_with_the_same_tracking_id()
    {
        await using var client = await Factory.ConnectAsync(CancellationToken.None);
        var order = Orders.Valid();

        var first = await client.PlaceOrderAsync(order, CancellationToken.None);
        var again = await client.PlaceOrderAsync(order, CancellationToken.None);

        Assert.True(first.Accepted, first.Message);
        Assert.True(again.Accepted, again.Message);
        Assert.Equal(first.TrackingId, again.TrackingId);
    }

    [SkippableFact]
    public async Task Different_order_under_a_used_number_is_refused_as_a_conflict()
    {
        await using var client = await Factory.ConnectAsync(CancellationToken.None);
        var order = Orders.Valid();
        Assert.True((await client.PlaceOrderAsync(order, CancellationToken.None)).Accepted);

        var other = order with { CustomerId = "C-43" };
        var reply = await client.PlaceOrderAsync(other, CancellationToken.None);

        Assert.False(reply.Accepted);
        Assert.Equal(Refusal.Conflict, reply.Refusal);
        Assert.Contains("orderNumber", reply.Message, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Order_breaking_a_field_rule_is_refused_naming_the_field()
    {
        await using var client = await Factory.ConnectAsync(CancellationToken.None);

        var reply = await client.PlaceOrderAsync(Orders.Valid() with { Currency = "XXX" }, CancellationToken.None);

        Assert.False(reply.Accepted);
        Assert.Equal(Refusal.Invalid, reply.Refusal);
        Assert.Contains("currency", reply.Message, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Refused_order_is_not_stored()
    {
        Skip.IfNot(Factory.Capabilities.SupportsStatusQuery, "the adapter cannot query status");
        await using var client = await Factory.ConnectAsync(CancellationToken.None);
        var order = Orders.Valid() with { Region = "MARS" };

        var reply = await client.PlaceOrderAsync(order, CancellationToken.None);

        Assert.Equal(Refusal.Invalid, reply.Refusal);
        Assert.Null(await client.GetStatusAsync(order.OrderNumber!, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Accepted_order_reaches_Completed()
    {
        Skip.IfNot(Factory.Capabilities.SupportsStatusQuery, "the adapter cannot query status");
        await using var client = await Factory.ConnectAsync(CancellationToken.None);
        var order = Orders.Valid();

        Assert.True((await client.PlaceOrderAsync(order, CancellationToken.None)).Accepted);

        Assert.Equal(nameof(OrderStatus.Completed), await Eventually.StatusAsync(client, order.OrderNumber!, nameof(OrderStatus.Completed), nameof(OrderStatus.Failed)));
    }

    [SkippableFact]
    public async Task Out_of_stock_order_ends_Failed()
    {
        Skip.IfNot(Factory.Capabilities.SupportsStatusQuery, "the adapter cannot query status");
        await using var client = await Factory.ConnectAsync(CancellationToken.None);
        var order = Orders.Valid() with { Lines = [new OrderLine { Sku = "OOS-1", Quantity = 1, UnitPrice = 1m }] };

        Assert.True((await client.PlaceOrderAsync(order, CancellationToken.None)).Accepted);

        Assert.Equal(nameof(OrderStatus.Failed), await Eventually.StatusAsync(client, order.OrderNumber!, nameof(OrderStatus.Completed), nameof(OrderStatus.Failed)));
    }

    [SkippableFact]
    public async Task Status_of_an_unknown_order_is_unknown()
    {
        Skip.IfNot(Factory.Capabilities.SupportsStatusQuery, "the adapter cannot query status");
        await using var client = await Factory.ConnectAsync(CancellationToken.None);

        Assert.Null(await client.GetStatusAsync(Orders.NewNumber("U"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Cancel_of_an_unknown_order_is_refused_as_not_found()
    {
        Skip.IfNot(Factory.Capabilities.SupportsCancel, "the adapter cannot cancel");
        await using var client = await Factory.ConnectAsync(CancellationToken.None);

        var reply = await client.CancelOrderAsync(Orders.NewNumber("U"), "test", CancellationToken.None);

        Assert.False(reply.Accepted);
        Assert.Equal(Refusal.NotFound, reply.Refusal);
    }

    [SkippableFact]
    public async Task Cancel_of_a_completed_order_is_refused_as_a_conflict()
    {
        Skip.IfNot(Factory.Capabilities.SupportsCancel && Factory.Capabilities.SupportsStatusQuery, "the adapter cannot cancel or query status");
        await using var client = await Factory.ConnectAsync(CancellationToken.None);
        var order = Orders.Valid();
        Assert.True((await client.PlaceOrderAsync(order, CancellationToken.None)).Accepted);
        await Eventually.StatusAsync(client, order.OrderNumber!, nameof(OrderStatus.Completed));

        var reply = await client.CancelOrderAsync(order.OrderNumber!, "too late", CancellationToken.None);

        Assert.False(reply.Accepted);
        Assert.Equal(Refusal.Conflict, reply.Refusal);
    }
}
