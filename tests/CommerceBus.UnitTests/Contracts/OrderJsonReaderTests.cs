using System.Text.Json;
using CommerceBus.Contracts.Json;
using Xunit;

namespace CommerceBus.UnitTests.Contracts;

public sealed class OrderJsonReaderTests
{
    [Fact]
    public void Example_body_reads_into_the_canonical_command()
    {
        var json = """
            {"orderNumber":"A-1001","customerId":"C-42","currency":"EUR","region":"EU",
             "shipTo":{"name":"Ada Lovelace","street":"12 Analytical Way","city":"London","postalCode":"NW1 2DB","country":"GB"},
             "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":19.99},{"sku":"PEN-777","quantity":1,"unitPrice":3.50}]}
            """;

        var order = OrderJsonReader.ReadPlaceOrder(JsonDocument.Parse(json).RootElement, out var errors);

        Assert.Empty(errors);
        Assert.Equal("A-1001", order.OrderNumber);
        Assert.Equal("NW1 2DB", order.ShipTo!.PostalCode);
        Assert.Equal(2, order.Lines!.Count);
        Assert.Equal(43.48m, order.Total());
    }

    [Fact]
    public void Values_of_the_wrong_json_type_are_reported_per_field()
    {
        var json = """{"orderNumber":12,"shipTo":"here","lines":[{"sku":"A","quantity":"2","unitPrice":true},{"sku":"B","quantity":1.5,"unitPrice":1}, 7]}""";

        OrderJsonReader.ReadPlaceOrder(JsonDocument.Parse(json).RootElement, out var errors);

        Assert.Equal(
            new HashSet<string> { "orderNumber", "shipTo", "lines[0].quantity", "lines[0].unitPrice", "lines[1].quantity", "lines[2]" },
            errors.Select(e => e.Field).ToHashSet());
    }

    [Fact]
    public void Property_names_match_case_insensitively_and_unknown_ones_are_ignored()
    {
        var order = OrderJsonReader.ReadPlaceOrder(JsonDocument.Parse("""{"OrderNumber":"A-1","extra":{"x":1}}""").RootElement, out var errors);

        Assert.Empty(errors);
        Assert.Equal("A-1", order.OrderNumber);
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_one_error()
    {
        OrderJsonReader.ReadPlaceOrder(JsonDocument.Parse("[1]").RootElement, out var errors);

        Assert.Equal("$", Assert.Single(errors).Field);
    }

    [Fact]
    public void Cancel_takes_the_order_number_from_the_url_and_the_reason_from_the_body()
    {
        var cancel = OrderJsonReader.ReadCancelOrder(JsonDocument.Parse("""{"reason":"changed mind"}""").RootElement, "A-9", out var errors);

        Assert.Empty(errors);
        Assert.Equal(("A-9", "changed mind"), (cancel.OrderNumber, cancel.Reason));
    }

    [Fact]
    public void A_string_that_is_not_valid_utf8_is_a_field_error_not_an_exception()
    {
        // Found by the bad-input suite: JsonDocument accepts these bytes inside a string; reading them used to throw (a 500).
        byte[] json = [.. "{\"orderNumber\":\"A-1\",\"shipTo\":{\"name\":\"A"u8, 0xC3, 0x28, .. "\"}}"u8];

        var order = OrderJsonReader.ReadPlaceOrder(JsonDocument.Parse(json).RootElement, out var errors);

        Assert.Equal("shipTo.name", Assert.Single(errors).Field);
        Assert.Contains("UTF-8", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("A-1", order.OrderNumber);
    }

    [Fact]
    public void A_property_name_that_is_not_valid_utf8_is_an_unknown_property()
    {
        byte[] json = [.. "{\"orderNumber\":\"A-1\",\"x"u8, 0xFF, .. "\":1}"u8];

        var order = OrderJsonReader.ReadPlaceOrder(JsonDocument.Parse(json).RootElement, out var errors);

        Assert.Empty(errors);
        Assert.Equal("A-1", order.OrderNumber);
    }
}
