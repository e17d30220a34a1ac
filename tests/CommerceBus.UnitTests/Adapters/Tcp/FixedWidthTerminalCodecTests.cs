using System.Buffers;
using System.Text;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Adapters.Tcp.Terminals;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class FixedWidthTerminalCodecTests
{
    private readonly FixedWidthTerminalCodec _codec = new(new LayoutSet(BuiltInLayouts.LegacyTerminal, BuiltInLayouts.Load(BuiltInLayouts.LegacyTerminal)));

    [Fact]
    public void Example_order_record_becomes_the_canonical_command_the_rules_accept()
    {
        var request = Assert.IsType<PlaceOrderRequest>(Decode(TerminalExamples.PlaceOrder));

        Assert.Empty(request.Errors);
        Assert.Empty(OrderValidator.Validate(request.Order));
        var expected = new PlaceOrder
        {
            OrderNumber = "A-1003",
            CustomerId = "C-42",
            Currency = "EUR",
            Region = "EU",
            ShipTo = new Address { Name = "Ada Lovelace", Street = "12 Analytical Way", City = "London", PostalCode = "NW1 2DB", Country = "GB" },
            Lines = [new OrderLine { Sku = "BOOK-001", Quantity = 2, UnitPrice = 19.99m }, new OrderLine { Sku = "PEN-777", Quantity = 1, UnitPrice = 3.50m }],
        };
        Assert.True(expected.IsSameOrderAs(request.Order));
    }

    [Fact]
    public void Example_cancel_and_status_records_become_their_requests()
    {
        var cancel = Assert.IsType<CancelOrderRequest>(Decode(TerminalExamples.CancelOrder));
        var status = Assert.IsType<StatusRequest>(Decode(TerminalExamples.Status));

        Assert.Equal(("A-1003", "customer changed mind"), (cancel.Cancel.OrderNumber, cancel.Cancel.Reason));
        Assert.Equal("A-1003", status.OrderNumber);
    }

    [Fact]
    public void Unreadable_field_travels_as_a_translation_error_with_the_command()
    {
        var record = TerminalExamples.PlaceOrder[..140] + "ABCD" + TerminalExamples.PlaceOrder[144..];

        var request = Assert.IsType<PlaceOrderRequest>(Decode(record));

        Assert.Equal("lines[0].quantity", Assert.Single(request.Errors).Field);
        Assert.Equal("A-1003", request.Order.OrderNumber);
    }

    [Theory]
    [InlineData("STAA-1003", "E001")]
    [InlineData("XYZA-1003      ", "E002")]
    [InlineData("ACKA-1003      00000000-0000-0000-0000-000000000000", "E002")]
    [InlineData("STAA-10\t3      ", "E003")]
    public void Record_with_the_wrong_structure_is_rejected_with_its_NAK_code(string record, string code)
    {
        var rejected = Assert.IsType<RejectedRecord>(Decode(record));

        Assert.Equal(code, rejected.Code);
    }

    [Fact]
    public void Replies_are_written_in_the_contract_layout()
    {
        var trackingId = Guid.Parse("e8ae749c-701b-4150-81cd-e858490cc600");
        var updatedAt = new DateTimeOffset(2026, 11, 23, 22, 49, 43, TimeSpan.Zero);

        Assert.Equal("ACKA-1003      e8ae749c-701b-4150-81cd-e858490cc600", Encode(new AckReply("A-1003", trackingId)));
        Assert.Equal("STSA-1003      Completed   2026-11-23T22:49:43Z", Encode(new StatusReply("A-1003", "Completed", updatedAt, null)));
        Assert.Equal("NAK            E005record: too long", Encode(new NakReply(null, "E005", "record: too long")));
    }

    private TerminalRequest Decode(string record) => _codec.Decode(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(record)));

    private string Encode(TerminalReply reply)
    {
        var output = new ArrayBufferWriter<byte>();
        _codec.Encode(reply, output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }
}
