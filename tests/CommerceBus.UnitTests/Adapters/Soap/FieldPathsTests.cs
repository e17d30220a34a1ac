using CommerceBus.Adapters.Soap.Inbound;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class FieldPathsTests
{
    [Theory]
    [InlineData("orderNumber", "Order", "Order/OrderNumber")]
    [InlineData("shipTo", "Order", "Order/ShipTo")]
    [InlineData("shipTo.postalCode", "Order", "Order/ShipTo/PostalCode")]
    [InlineData("lines", "Order", "Order/Lines")]
    [InlineData("lines[0]", "Order", "Order/Lines/OrderLine[1]")]
    [InlineData("lines[11].unitPrice", "Order", "Order/Lines/OrderLine[12]/UnitPrice")]
    [InlineData("$", "Order", "Order")]
    [InlineData("orderNumber", "", "OrderNumber")]
    [InlineData("reason", "", "Reason")]
    public void Canonical_field_becomes_the_WSDL_element_path(string field, string root, string expected) =>
        Assert.Equal(expected, FieldPaths.ToElement(field, root));
}
