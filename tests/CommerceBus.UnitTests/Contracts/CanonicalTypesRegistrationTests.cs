using CommerceBus.Contracts;
using CommerceBus.Contracts.Orders;
using Xunit;

namespace CommerceBus.UnitTests.Contracts;

public sealed class CanonicalTypesRegistrationTests
{
    [Fact]
    public void A_type_a_module_registers_is_named_and_resolved_like_the_contracts_own()
    {
        Assert.False(CanonicalTypes.TryResolve("ExchangeItem.v3", out _));

        CanonicalTypes.Register(typeof(ExchangeItem));
        CanonicalTypes.Register(typeof(ExchangeItem));

        Assert.Equal("ExchangeItem.v3", CanonicalTypes.VersionedNameOf(typeof(ExchangeItem)));
        Assert.True(CanonicalTypes.TryResolve("exchangeitem", out var resolved));
        Assert.Equal(typeof(ExchangeItem), resolved);
        Assert.Contains(typeof(ExchangeItem), CanonicalTypes.All);
        Assert.Contains(typeof(PlaceOrder), CanonicalTypes.All);
    }

    [Fact]
    public void A_type_that_takes_a_name_already_used_or_has_no_canonical_name_is_refused()
    {
        var taken = Assert.Throws<ArgumentException>(() => CanonicalTypes.Register(typeof(AnotherPlaceOrder)));
        Assert.Contains("PlaceOrder.v1", taken.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CanonicalTypes.Register(typeof(string)));
        Assert.Equal(typeof(PlaceOrder), CanonicalTypes.TryResolve("PlaceOrder.v1", out var placeOrder) ? placeOrder : null);
    }

    [CanonicalMessage("ExchangeItem", 3)]
    private sealed record ExchangeItem(string Sku);

    [CanonicalMessage("PlaceOrder", 1)]
    private sealed record AnotherPlaceOrder(string OrderNumber);
}
