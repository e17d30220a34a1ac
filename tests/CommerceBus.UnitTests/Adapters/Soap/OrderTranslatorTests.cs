using CommerceBus.Adapters.Soap.Inbound;
using CommerceBus.Adapters.Soap.Wire;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class OrderTranslatorTests
{
    [Fact]
    public void Wire_order_becomes_the_canonical_command_field_by_field()
    {
        var order = OrderTranslator.ToPlaceOrder(Wire(), out var errors);

        Assert.Empty(errors);
        Assert.Equal("A-1002", order.OrderNumber);
        Assert.Equal("C-42", order.CustomerId);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal("EU", order.Region);
        Assert.Equal("NW1 2DB", order.ShipTo!.PostalCode);
        var line = Assert.Single(order.Lines!);
        Assert.Equal(("BOOK-001", 2, 19.99m), (line.Sku, line.Quantity, line.UnitPrice));
    }

    [Theory]
    [InlineData(" 7 ", "19.99", 7, 19.99)]
    [InlineData("+3", ".5", 3, 0.5)]
    [InlineData("1", "-2", 1, -2)]
    public void Numbers_are_read_as_the_schema_types_lexical_forms(string quantity, string price, int expectedQuantity, decimal expectedPrice)
    {
        var wire = Wire();
        wire.Lines![0].Quantity = quantity;
        wire.Lines[0].UnitPrice = price;

        var line = OrderTranslator.ToPlaceOrder(wire, out var errors).Lines![0];

        Assert.Empty(errors);
        Assert.Equal(expectedQuantity, line.Quantity);
        Assert.Equal(expectedPrice, line.UnitPrice);
    }

    [Fact]
    public void Unreadable_and_missing_numbers_are_translation_errors_on_their_canonical_fields()
    {
        var wire = Wire();
        wire.Lines = [wire.Lines![0], new LegacyOrderLine { Sku = "X", Quantity = "two", UnitPrice = "1e3" }, new LegacyOrderLine { Sku = "Y" }];

        OrderTranslator.ToPlaceOrder(wire, out var errors);

        Assert.Equal(
            ["lines[1].quantity", "lines[1].unitPrice", "lines[2].quantity", "lines[2].unitPrice"],
            errors.Select(e => e.Field));
        Assert.Contains("was 'two'", errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("is required", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_order_leaves_every_field_to_the_validator()
    {
        var order = OrderTranslator.ToPlaceOrder(null, out var errors);

        Assert.Empty(errors);
        Assert.Null(order.OrderNumber);
        Assert.Null(order.Lines);
    }

    private static LegacyOrder Wire() => new()
    {
        OrderNumber = "A-1002",
        CustomerId = "C-42",
        Currency = "EUR",
        Region = "EU",
        ShipTo = new LegacyAddress { Name = "Ada Lovelace", Street = "12 Analytical Way", City = "London", PostalCode = "NW1 2DB", Country = "GB" },
        Lines = [new LegacyOrderLine { Sku = "BOOK-001", Quantity = "2", UnitPrice = "19.99" }],
    };
}
