using CommerceBus.Contracts;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Orders;
using Xunit;

namespace CommerceBus.UnitTests.Contracts;

public sealed class CanonicalTypesTests
{
    [Fact]
    public void Names_resolve_with_and_without_version()
    {
        Assert.True(CanonicalTypes.TryResolve("PlaceOrder", out var any));
        Assert.True(CanonicalTypes.TryResolve("placeorder.v1", out var v1));
        Assert.Equal(typeof(PlaceOrder), any);
        Assert.Equal(typeof(PlaceOrder), v1);
        Assert.False(CanonicalTypes.TryResolve("PlaceOrder.v9", out _));
        Assert.Equal("BookOrder.v1", CanonicalTypes.VersionedNameOf(typeof(BookOrder)));
    }

    [Fact]
    public void Every_canonical_message_has_a_unique_name() =>
        Assert.Equal(CanonicalTypes.All.Count(), CanonicalTypes.All.Select(CanonicalTypes.VersionedNameOf).Distinct().Count());

    [Fact]
    public void The_order_flow_has_its_commands_and_events() =>
        Assert.Superset(
            new HashSet<string> { "PlaceOrder", "CancelOrder", "ReserveStock", "CapturePayment", "BookOrder", "BookShipment", "OrderAccepted", "OrderCompleted", "OrderFailed", "OrderCancelled" },
            CanonicalTypes.All.Select(CanonicalTypes.NameOf).ToHashSet());
}
