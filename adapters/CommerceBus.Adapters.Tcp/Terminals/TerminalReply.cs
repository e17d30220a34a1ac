using CommerceBus.Contracts.Validation;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>One reply record to a terminal.</summary>
internal abstract record TerminalReply(string? OrderNumber);

/// <summary>The order or cancel was accepted (also when it was accepted before: the same tracking id again).</summary>
internal sealed record AckReply(string OrderNumber, Guid TrackingId) : TerminalReply(OrderNumber);

/// <summary>The status of a known order.</summary>
internal sealed record StatusReply(string OrderNumber, string Status, DateTimeOffset UpdatedAt, string? Reason) : TerminalReply(OrderNumber);

/// <summary>A refusal: a NAK code, a reason naming the field, and every field error for codecs that can carry them.</summary>
internal sealed record NakReply(string? OrderNumber, string Code, string Reason, IReadOnlyList<FieldError> Errors) : TerminalReply(OrderNumber)
{
    public NakReply(string? orderNumber, string code, string reason)
        : this(orderNumber, code, reason, [])
    {
    }
}
