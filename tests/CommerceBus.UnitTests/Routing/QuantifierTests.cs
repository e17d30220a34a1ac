using CommerceBus.Routing;
using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

public sealed class QuantifierTests
{
    private static RoutableMessage Shipment(params string[] skus) => Messages.Of(Messages.BookShipment(skus));

    [Fact]
    public void Any_is_the_default_and_one_matching_line_suffices() =>
        Assert.True(Holds(Field("lines[*].sku", "Prefix", "DIG-"), Shipment("BOOK-1", "DIG-2")));

    [Fact]
    public void Any_with_no_matching_line_does_not_match() =>
        Assert.False(Holds(Field("lines[*].sku", "Prefix", "DIG-", quantifier: "Any"), Shipment("BOOK-1", "BOOK-2")));

    [Fact]
    public void All_matches_when_every_line_matches() =>
        Assert.True(Holds(Field("lines[*].sku", "Prefix", "DIG-", quantifier: "All"), Shipment("DIG-1", "DIG-2")));

    [Fact]
    public void All_does_not_match_when_one_line_differs() =>
        Assert.False(Holds(Field("lines[*].sku", "Prefix", "DIG-", quantifier: "All"), Shipment("DIG-1", "BOOK-2")));

    [Theory]
    [InlineData("Any")]
    [InlineData("All")]
    public void An_empty_collection_matches_neither_Any_nor_All(string quantifier) =>
        Assert.False(Holds(Field("lines[*].sku", "Prefix", "DIG-", quantifier: quantifier), Shipment()));

    [Fact]
    public void All_over_a_missing_collection_does_not_match() =>
        Assert.False(Holds(Field("lines[*].sku", "Prefix", "DIG-", quantifier: "All"), Messages.Json("BookShipment.v1", "{}")));

    [Fact]
    public void All_with_Exists_requires_the_field_on_every_element()
    {
        var oneWithoutSku = Messages.Json("BookShipment.v1", """{ "lines": [ { "sku": "A" }, { "quantity": 1 } ] }""");

        Assert.False(Holds(Field("lines[*].sku", "Exists", quantifier: "All"), oneWithoutSku));
        Assert.True(Holds(Field("lines[*].sku", "Exists"), oneWithoutSku));
        Assert.True(Holds(Field("lines[*].sku", "NotExists"), oneWithoutSku));
    }

    [Fact]
    public void Nested_wildcards_reach_every_value()
    {
        var message = Messages.Json("BookShipment.v1", """{ "parcels": [ { "lines": [ { "sku": "DIG-1" } ] }, { "lines": [ { "sku": "DIG-2" }, { "sku": "DIG-3" } ] } ] }""");

        Assert.True(Holds(Field("parcels[*].lines[*].sku", "Prefix", "DIG-", quantifier: "All"), message));
        Assert.True(Holds(Field("parcels[*].lines[*].sku", "Equals", "DIG-3"), message));
    }

    [Fact]
    public void A_wildcard_over_something_that_is_not_an_array_sees_a_missing_value() =>
        Assert.False(Holds(Field("region[*]", "Equals", "EU"), Messages.Of(Messages.BookOrder("EU"))));

    [Fact]
    public void Quantifier_names_are_read_ignoring_case() =>
        Assert.False(Holds(Field("lines[*].sku", "Prefix", "DIG-", quantifier: "all"), Shipment("DIG-1", "BOOK-2")));
}
