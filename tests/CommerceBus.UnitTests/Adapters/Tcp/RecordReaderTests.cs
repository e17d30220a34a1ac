using System.Text;
using System.Text.Json.Nodes;
using CommerceBus.Adapters.Tcp.Layouts;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class RecordReaderTests
{
    private static readonly LayoutSet Terminal = new(BuiltInLayouts.LegacyTerminal, BuiltInLayouts.Load(BuiltInLayouts.LegacyTerminal));

    [Fact]
    public void Example_order_reads_into_canonical_field_names()
    {
        var decoded = Read(TerminalExamples.PlaceOrder);

        Assert.Empty(decoded.Errors);
        Assert.Equal("PlaceOrder", decoded.Layout.Message);
        var expected = JsonNode.Parse("""
            {"orderNumber":"A-1003","customerId":"C-42","currency":"EUR","region":"EU",
             "shipTo":{"name":"Ada Lovelace","street":"12 Analytical Way","city":"London","postalCode":"NW1 2DB","country":"GB"},
             "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":19.99},{"sku":"PEN-777","quantity":1,"unitPrice":3.50}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, decoded.Body), decoded.Body.ToJsonString());
    }

    [Fact]
    public void Blank_text_field_is_left_out_for_the_rules_to_call_required()
    {
        var decoded = Read("CAN" + "A-1".PadRight(12) + new string(' ', 40));

        Assert.Equal("A-1", (string?)decoded.Body["orderNumber"]);
        Assert.False(decoded.Body.ContainsKey("reason"));
    }

    [Theory]
    [InlineData(140, "00X2", "lines[0].quantity", "must be 4 digits (was '00X2')")]
    [InlineData(170, "00000003 0", "lines[1].unitPrice", "must be 10 digits (was '00000003 0')")]
    [InlineData(124, "21", "lines", "the count must be 01-20 (was '21')")]
    [InlineData(124, "  ", "lines", "the count must be 01-20 (was '  ')")]
    public void Field_that_does_not_fit_its_type_is_a_field_error_named_by_its_path(int offset, string value, string field, string message)
    {
        var record = TerminalExamples.PlaceOrder[..offset] + value + TerminalExamples.PlaceOrder[(offset + value.Length)..];

        var error = Assert.Single(Read(record).Errors);

        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("STAA-1003", "WrongLength", "A-1003", "STA must be 15 characters long (was 9)")]
    [InlineData("ST", "WrongLength", null, "record: 2 characters is too short for a record type")]
    [InlineData("", "WrongLength", null, "record: 0 characters is too short for a record type")]
    [InlineData("XYZA-1003      ", "UnknownType", "A-1003", "record type 'XYZ' is unknown")]
    [InlineData("STAA-10\u00e93      ", "NotPrintable", null, "orderNumber: byte 0xE9 at position 8 is not printable ASCII")]
    [InlineData("ST\u0000A-1003      ", "NotPrintable", "A-1003", "type: byte 0x00 at position 3 is not printable ASCII")]
    public void Record_with_the_wrong_structure_is_refused_whole(string record, string kind, string? orderNumber, string reason)
    {
        Assert.False(RecordReader.TryRead(Terminal, Encoding.Latin1.GetBytes(record), null, out _, out var fault));

        Assert.Equal((kind, orderNumber, reason), (fault.Kind.ToString(), fault.OrderNumber, fault.Reason));
    }

    [Fact]
    public void Order_whose_length_does_not_match_its_line_count_is_the_wrong_length()
    {
        Assert.False(RecordReader.TryRead(Terminal, Encoding.ASCII.GetBytes(TerminalExamples.PlaceOrder + "X"), null, out _, out var fault));

        Assert.Equal((RecordFaultKind.WrongLength, "ORD with 2 lines must be 180 characters long (was 181)"), (fault.Kind, fault.Reason));
    }

    [Fact]
    public void Layout_not_accepted_here_is_refused_as_an_unknown_type()
    {
        var ack = "ACK" + "A-1".PadRight(12) + Guid.Empty.ToString("D");

        Assert.False(RecordReader.TryRead(Terminal, Encoding.ASCII.GetBytes(ack), l => l.Message != "Ack", out _, out var fault));

        Assert.Equal((RecordFaultKind.UnknownType, "record type 'ACK' is not a request"), (fault.Kind, fault.Reason));
    }

    [Fact]
    public void Free_text_last_field_lets_the_record_end_early()
    {
        var nak = Read("NAK" + "A-1".PadRight(12) + "E003" + "short");

        Assert.Equal("short", (string?)nak.Body["reason"]);
        Assert.Equal("E003", (string?)nak.Body["code"]);
    }

    private static DecodedRecord Read(string record)
    {
        Assert.True(RecordReader.TryRead(Terminal, Encoding.ASCII.GetBytes(record), null, out var decoded, out var fault), fault?.Reason);
        return decoded;
    }
}
