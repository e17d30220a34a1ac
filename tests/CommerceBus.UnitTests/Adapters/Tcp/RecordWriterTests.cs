using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using CommerceBus.Adapters.Tcp.Layouts;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class RecordWriterTests
{
    private static readonly LayoutSet Terminal = new(BuiltInLayouts.LegacyTerminal, BuiltInLayouts.Load(BuiltInLayouts.LegacyTerminal));

    [Fact]
    public void Text_is_left_aligned_and_padded_and_a_free_text_field_is_not_padded()
    {
        var nak = Write("Nak", new JsonObject { ["orderNumber"] = "A-1", ["code"] = "E003", ["reason"] = "currency: bad" });

        Assert.Equal("NAKA-1         E003currency: bad", nak);
    }

    [Fact]
    public void Text_longer_than_its_field_is_cut_and_anything_unprintable_replaced()
    {
        var nak = Write("Nak", new JsonObject { ["orderNumber"] = "ABCDEFGHIJKLMNOP", ["code"] = "E003", ["reason"] = "Zo\u00eb\n" + new string('x', 100) });

        Assert.Equal(99, nak.Length);
        Assert.StartsWith("NAKABCDEFGHIJKLE003Zo??xxx", nak, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_value_leaves_its_field_blank()
    {
        Assert.Equal("NAK" + new string(' ', 12) + "E005", Write("Nak", new JsonObject { ["code"] = "E005" }));
    }

    [Fact]
    public void Timestamp_is_written_in_the_field_format_in_UTC()
    {
        var sts = Write("Status", new JsonObject { ["orderNumber"] = "A-1", ["status"] = "PaymentCaptured", ["updatedAt"] = "2026-11-23T23:10:05.123+01:00" });

        Assert.Equal("STSA-1         PaymentCaptu2026-11-23T22:10:05Z", sts);
    }

    [Fact]
    public void Numbers_are_right_aligned_and_zero_padded_with_their_count_and_implied_decimals()
    {
        var body = JsonNode.Parse("""
            {"orderNumber":"A-1003","customerId":"C-42","currency":"EUR","region":"EU",
             "shipTo":{"name":"Ada Lovelace","street":"12 Analytical Way","city":"London","postalCode":"NW1 2DB","country":"GB"},
             "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":19.99},{"sku":"PEN-777","quantity":1,"unitPrice":"3.5"}]}
            """)!.AsObject();

        Assert.Equal(TerminalExamples.PlaceOrder, Write("PlaceOrder", body));
    }

    [Theory]
    [InlineData(10000, "quantity: 10000 does not fit a 4-digit field")]
    [InlineData(-1, "quantity: -1 does not fit a 4-digit field")]
    [InlineData(1.5, "quantity: 1.5 does not fit a 4-digit field")]
    public void Number_that_does_not_fit_throws_rather_than_being_cut(double quantity, string message)
    {
        var body = new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["sku"] = "A", ["quantity"] = quantity, ["unitPrice"] = 1 }) };

        var error = Assert.Throws<FormatException>(() => Write("PlaceOrder", body));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Group_outside_its_count_range_throws()
    {
        var error = Assert.Throws<FormatException>(() => Write("PlaceOrder", new JsonObject()));

        Assert.Equal("ORD: lines must have 1-20 items (has 0)", error.Message);
    }

    private static string Write(string message, JsonObject body)
    {
        var output = new ArrayBufferWriter<byte>();
        RecordWriter.Write(Terminal.ForMessage(message)!, body, output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }
}
