using System.Buffers;
using System.Text;
using CommerceBus.Adapters.Tcp.Terminals;
using CommerceBus.Contracts.Validation;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class JsonLinesTerminalCodecTests
{
    private readonly JsonLinesTerminalCodec _codec = new();

    [Fact]
    public void Order_line_is_the_REST_body_with_a_type()
    {
        var request = Assert.IsType<PlaceOrderRequest>(Decode("""
            {"type":"ORD","orderNumber":"A-1","customerId":"C-42","currency":"EUR","region":"EU",
             "shipTo":{"name":"Ada","street":"1 Way","city":"London","postalCode":"NW1","country":"GB"},
             "lines":[{"sku":"BOOK-001","quantity":"two","unitPrice":19.99}]}
            """.ReplaceLineEndings("")));

        Assert.Equal(("A-1", "London"), (request.Order.OrderNumber, request.Order.ShipTo!.City));
        Assert.Equal("lines[0].quantity", Assert.Single(request.Errors).Field);
    }

    [Theory]
    [InlineData("""{"type":"CAN","orderNumber":"A-1","reason":"r"}""", typeof(CancelOrderRequest))]
    [InlineData("""{"type":"STA","orderNumber":"A-1"}""", typeof(StatusRequest))]
    public void Cancel_and_status_lines_become_their_requests(string line, Type expected)
    {
        Assert.IsType(expected, Decode(line));
    }

    [Theory]
    [InlineData("""{"type":"ORD",""", "E003", "$: not valid JSON")]
    [InlineData("[1,2]", "E003", "$: a record must be a JSON object")]
    [InlineData("""{"orderNumber":"A-1"}""", "E002", "type: missing (ORD, CAN or STA)")]
    [InlineData("""{"type":"XYZ"}""", "E002", "record type 'XYZ' is unknown")]
    public void Line_that_cannot_be_read_is_rejected_with_its_NAK_code(string line, string code, string reason)
    {
        var rejected = Assert.IsType<RejectedRecord>(Decode(line));

        Assert.Equal(code, rejected.Code);
        Assert.StartsWith(reason, rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replies_are_single_line_JSON_with_the_fixed_width_names_and_codes()
    {
        var updatedAt = new DateTimeOffset(2026, 11, 23, 22, 49, 43, TimeSpan.Zero);

        Assert.Equal(
            """{"type":"ACK","orderNumber":"A-1","trackingId":"00000000-0000-0000-0000-000000000001"}""",
            Encode(new AckReply("A-1", Guid.Parse("00000000-0000-0000-0000-000000000001"))));
        Assert.Equal(
            """{"type":"STS","orderNumber":"A-1","status":"Failed","updatedAt":"2026-11-23T22:49:43+00:00","reason":"out of stock: sku OOS-1"}""",
            Encode(new StatusReply("A-1", "Failed", updatedAt, "out of stock: sku OOS-1")));
        Assert.Equal(
            """{"type":"NAK","orderNumber":null,"code":"E003","reason":"currency: bad","errors":[{"field":"currency","message":"bad"}]}""",
            Encode(new NakReply(null, "E003", "currency: bad", [new FieldError("currency", "bad")])));
    }

    private TerminalRequest Decode(string line) => _codec.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line)));

    private string Encode(TerminalReply reply)
    {
        var output = new ArrayBufferWriter<byte>();
        _codec.Encode(reply, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
