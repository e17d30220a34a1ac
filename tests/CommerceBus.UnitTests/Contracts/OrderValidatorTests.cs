using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using Xunit;

namespace CommerceBus.UnitTests.Contracts;

public sealed class OrderValidatorTests
{
    private static PlaceOrder Valid() => new()
    {
        OrderNumber = "A-1001",
        CustomerId = "C-42",
        Currency = "EUR",
        Region = "EU",
        ShipTo = new Address { Name = "Ada Lovelace", Street = "12 Analytical Way", City = "London", PostalCode = "NW1 2DB", Country = "GB" },
        Lines = [new OrderLine { Sku = "BOOK-001", Quantity = 2, UnitPrice = 19.99m }],
    };

    [Fact]
    public void Example_order_of_the_contract_is_valid() => Assert.Empty(OrderValidator.Validate(Valid()));

    [Theory]
    [InlineData("A", true)]
    [InlineData("ABCDEFGHIJ12", true)]
    [InlineData("ABCDEFGHIJ123", false)]
    [InlineData("a-1", false)]
    [InlineData("A 1", false)]
    [InlineData("A_1", false)]
    [InlineData("", false)]
    public void Order_number_is_1_to_12_of_upper_letters_digits_and_dash(string number, bool valid) =>
        Assert.Equal(valid, !OrderValidator.Validate(Valid() with { OrderNumber = number }).Any(e => e.Field == "orderNumber"));

    [Theory]
    [InlineData("ABCDEFGHIJ", true)]
    [InlineData("ABCDEFGHIJK", false)]
    public void Customer_id_is_at_most_10_characters(string customerId, bool valid) =>
        Assert.Equal(valid, !OrderValidator.Validate(Valid() with { CustomerId = customerId }).Any(e => e.Field == "customerId"));

    [Theory]
    [InlineData("USD", true)]
    [InlineData("eur", false)]
    [InlineData("CHF", false)]
    [InlineData("EURO", false)]
    public void Currency_is_one_of_the_configured_ones(string currency, bool valid) =>
        Assert.Equal(valid, !OrderValidator.Validate(Valid() with { Currency = currency }).Any(e => e.Field == "currency"));

    [Fact]
    public void Configured_currencies_replace_the_defaults()
    {
        var rules = new OrderRules { Currencies = ["CHF"] };

        Assert.Empty(OrderValidator.Validate(Valid() with { Currency = "CHF" }, rules));
        Assert.Contains(OrderValidator.Validate(Valid(), rules), e => e.Field == "currency" && e.Message.Contains("CHF", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("EU", true)]
    [InlineData("APAC", true)]
    [InlineData("eu", false)]
    [InlineData("LATAM", false)]
    public void Region_is_EU_US_or_APAC(string region, bool valid) =>
        Assert.Equal(valid, !OrderValidator.Validate(Valid() with { Region = region }).Any(e => e.Field == "region"));

    [Theory]
    [InlineData("name", 30)]
    [InlineData("street", 30)]
    [InlineData("city", 20)]
    [InlineData("postalCode", 10)]
    public void Ship_to_text_fields_have_their_maximum_length(string field, int max)
    {
        Address With(string value) => field switch
        {
            "name" => Valid().ShipTo! with { Name = value },
            "street" => Valid().ShipTo! with { Street = value },
            "city" => Valid().ShipTo! with { City = value },
            _ => Valid().ShipTo! with { PostalCode = value },
        };

        Assert.Empty(OrderValidator.Validate(Valid() with { ShipTo = With(new string('x', max)) }));
        var error = Assert.Single(OrderValidator.Validate(Valid() with { ShipTo = With(new string('x', max + 1)) }));
        Assert.Equal($"shipTo.{field}", error.Field);
        Assert.Contains($"1-{max}", error.Message, StringComparison.Ordinal);
        Assert.Equal($"shipTo.{field}", Assert.Single(OrderValidator.Validate(Valid() with { ShipTo = With("   ") })).Field);
    }

    [Theory]
    [InlineData("GB", true)]
    [InlineData("US", true)]
    [InlineData("XX", false)]
    [InlineData("gb", false)]
    [InlineData("GBR", false)]
    public void Country_is_an_assigned_iso_3166_alpha_2_code(string country, bool valid) =>
        Assert.Equal(valid, !OrderValidator.Validate(Valid() with { ShipTo = Valid().ShipTo! with { Country = country } }).Any(e => e.Field == "shipTo.country"));

    [Fact]
    public void Lines_are_required_and_at_most_twenty()
    {
        Assert.Contains(OrderValidator.Validate(Valid() with { Lines = [] }), e => e.Field == "lines");
        var line = Valid().Lines![0];
        Assert.Empty(OrderValidator.Validate(Valid() with { Lines = [.. Enumerable.Repeat(line, 20)] }));
        Assert.Contains(OrderValidator.Validate(Valid() with { Lines = [.. Enumerable.Repeat(line, 21)] }), e => e.Field == "lines");
    }

    [Theory]
    [InlineData(1, "0.01", true)]
    [InlineData(9999, "99999999.99", true)]
    [InlineData(0, "1", false)]
    [InlineData(10000, "1", false)]
    [InlineData(1, "0", false)]
    [InlineData(1, "100000000", false)]
    [InlineData(1, "1.005", false)]
    public void Line_quantity_and_price_have_their_ranges(int quantity, string price, bool valid)
    {
        var order = Valid() with { Lines = [new OrderLine { Sku = "A", Quantity = quantity, UnitPrice = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) }] };

        Assert.Equal(valid, OrderValidator.Validate(order).Count == 0);
    }

    [Fact]
    public void Every_broken_rule_is_reported_with_its_field_path()
    {
        var order = new PlaceOrder { Lines = [new OrderLine { Sku = "bad sku", Quantity = 0, UnitPrice = 0 }] };

        var fields = OrderValidator.Validate(order).Select(e => e.Field).ToList();

        Assert.Equal(["orderNumber", "customerId", "currency", "region", "shipTo", "lines[0].sku", "lines[0].quantity", "lines[0].unitPrice"], fields);
    }

    [Fact]
    public void Cancel_needs_a_valid_order_number_and_a_reason_of_at_most_200_characters()
    {
        Assert.Empty(OrderValidator.Validate(new CancelOrder { OrderNumber = "A-1", Reason = null }));
        Assert.Equal("orderNumber", Assert.Single(OrderValidator.Validate(new CancelOrder { OrderNumber = "a" })).Field);
        Assert.Equal("reason", Assert.Single(OrderValidator.Validate(new CancelOrder { OrderNumber = "A", Reason = new string('r', 201) })).Field);
    }
}
