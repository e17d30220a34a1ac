using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Tcp.Terminals;
using CommerceBus.Contracts.Validation;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Tcp;

public sealed class TerminalAnswersTests
{
    private static readonly Guid TrackingId = Guid.NewGuid();

    [Theory]
    [InlineData("Accepted")]
    [InlineData("Duplicate")]
    public void Accepted_and_resent_orders_get_an_ACK_with_the_tracking_id(string outcome)
    {
        var reply = TerminalAnswers.ForPlace(Result(Enum.Parse<InboundOutcome>(outcome)), "A-1");

        Assert.Equal(new AckReply("A-1", TrackingId), reply);
    }

    [Fact]
    public void Invalid_order_is_E003_naming_every_field_in_order()
    {
        var result = Result(InboundOutcome.Invalid) with { Errors = [new FieldError("currency", "bad"), new FieldError("region", "worse")] };

        var nak = Assert.IsType<NakReply>(TerminalAnswers.ForPlace(result, "A-1"));

        Assert.Equal(("E003", "currency: bad; region: worse"), (nak.Code, nak.Reason));
    }

    [Fact]
    public void Conflicts_are_E003_on_orderNumber_marked_as_conflicts()
    {
        var place = Assert.IsType<NakReply>(TerminalAnswers.ForPlace(Result(InboundOutcome.Conflict), "A-1"));
        var cancel = Assert.IsType<NakReply>(TerminalAnswers.ForCancel(Result(InboundOutcome.Conflict) with { Status = "Completed" }, "A-1"));

        Assert.Equal(("E003", "orderNumber: conflict, already used by a different order"), (place.Code, place.Reason));
        Assert.Equal(("E003", "orderNumber: conflict, order is Completed and can no longer be cancelled"), (cancel.Code, cancel.Reason));
    }

    [Theory]
    [InlineData("NotFound", "E004")]
    [InlineData("Unavailable", "E999")]
    public void Other_refusals_get_their_codes(string outcome, string code)
    {
        var nak = Assert.IsType<NakReply>(TerminalAnswers.ForCancel(Result(Enum.Parse<InboundOutcome>(outcome)), "A-1"));

        Assert.Equal((code, "A-1"), (nak.Code, nak.OrderNumber));
    }

    [Fact]
    public void Status_of_an_unknown_order_is_E004()
    {
        Assert.Equal("E004", Assert.IsType<NakReply>(TerminalAnswers.ForStatus(null, "A-1")).Code);
    }

    private static InboundResult Result(InboundOutcome outcome) => new() { Outcome = outcome, OrderNumber = "A-1", TrackingId = TrackingId, Detail = "detail" };
}
