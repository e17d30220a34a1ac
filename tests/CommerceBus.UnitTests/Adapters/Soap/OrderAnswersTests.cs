using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Inbound;
using CommerceBus.Contracts.Validation;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class OrderAnswersTests
{
    private static readonly Guid Tracking = Guid.Parse("59c0e4ec-2b67-4076-a16c-7ef59fe9dcea");

    [Theory]
    [InlineData(InboundOutcome.Accepted)]
    [InlineData(InboundOutcome.Duplicate)]
    public void Accepted_and_duplicate_are_Accepted_with_the_tracking_id(InboundOutcome outcome)
    {
        var ack = OrderAnswers.Ack(new InboundResult { Outcome = outcome, OrderNumber = "A-1", TrackingId = Tracking, Detail = "ok" }, "PlaceOrder", "Order");

        Assert.True(ack.Accepted);
        Assert.Equal(Tracking.ToString(), ack.TrackingId);
        Assert.Equal("ok", ack.Message);
    }

    [Theory]
    [InlineData(InboundOutcome.Conflict, "Conflict: ")]
    [InlineData(InboundOutcome.NotFound, "NotFound: ")]
    public void Refusals_the_WSDL_can_say_are_not_accepted_with_their_kind_first(InboundOutcome outcome, string prefix)
    {
        var ack = OrderAnswers.Ack(new InboundResult { Outcome = outcome, OrderNumber = "A-1", TrackingId = Tracking, Detail = "why" }, "CancelOrder", "");

        Assert.False(ack.Accepted);
        Assert.Null(ack.TrackingId);
        Assert.Equal(prefix + "why", ack.Message);
    }

    [Fact]
    public void Invalid_is_a_Sender_fault_naming_every_field_by_its_element_path()
    {
        var result = new InboundResult
        {
            Outcome = InboundOutcome.Invalid,
            Errors = [new FieldError("currency", "must be one of EUR"), new FieldError("lines[1].sku", "is required")],
        };

        var fault = Assert.Throws<SoapFaultException>(() => OrderAnswers.Ack(result, "PlaceOrder", "Order")).Fault;

        Assert.Equal(SoapFaultCode.Sender, fault.Code);
        Assert.Equal("PlaceOrder breaks 2 field rule(s): Order/Currency: must be one of EUR; Order/Lines/OrderLine[2]/Sku: is required. Nothing was accepted.", fault.Reason);
        Assert.Equal(["currency", "lines[1].sku"], fault.FieldErrors!.Select(e => e.Field));
    }

    [Fact]
    public void Unavailable_is_a_Receiver_fault()
    {
        var fault = Assert.Throws<SoapFaultException>(() =>
            OrderAnswers.Ack(new InboundResult { Outcome = InboundOutcome.Unavailable, Detail = "retry later" }, "PlaceOrder", "Order")).Fault;

        Assert.Equal(SoapFaultCode.Receiver, fault.Code);
        Assert.Equal("Unavailable: retry later", fault.Reason);
    }
}
