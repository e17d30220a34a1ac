using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Validation;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>
/// Renders the hub's answers as terminal replies. The contract has no code of its own for a conflict, so a conflict is
/// an <c>E003</c> on orderNumber whose reason begins <c>orderNumber: conflict</c>: for the terminal the number is the
/// field that is wrong (already used by another order, or the order is past cancelling).
/// </summary>
internal static class TerminalAnswers
{
    public const string ConflictPrefix = "orderNumber: conflict, ";

    public static TerminalReply ForPlace(InboundResult result, string? orderNumber) =>
        For(result, orderNumber, "already used by a different order");

    public static TerminalReply ForCancel(InboundResult result, string? orderNumber) =>
        For(result, orderNumber, $"order is {result.Status} and can no longer be cancelled");

    public static TerminalReply ForStatus(StatusView? status, string orderNumber) => status is null
        ? new NakReply(orderNumber, NakCodes.UnknownOrder, $"order {orderNumber} is not known to the hub")
        : new StatusReply(status.Key, status.Status, status.UpdatedAt, status.Reason);

    public static NakReply Unavailable(string? orderNumber) =>
        new(orderNumber, NakCodes.Unavailable, "the hub cannot take this record now; send it again later");

    private static TerminalReply For(InboundResult result, string? orderNumber, string conflict) => result.Outcome switch
    {
        InboundOutcome.Accepted or InboundOutcome.Duplicate when result.TrackingId is { } trackingId =>
            new AckReply(orderNumber ?? result.OrderNumber ?? "", trackingId),
        InboundOutcome.Invalid => new NakReply(orderNumber, NakCodes.InvalidField, Reason(result.Errors, result.Detail), result.Errors),
        InboundOutcome.Conflict => new NakReply(orderNumber, NakCodes.InvalidField, ConflictPrefix + conflict,
            [new FieldError("orderNumber", "conflict, " + conflict)]),
        InboundOutcome.NotFound => new NakReply(orderNumber, NakCodes.UnknownOrder, $"order {orderNumber} is not known to the hub"),
        _ => Unavailable(orderNumber),
    };

    // Every broken rule, in field order; the record's 80 characters keep at least the first field and its rule.
    private static string Reason(IReadOnlyList<FieldError> errors, string detail) =>
        errors.Count == 0 ? detail : string.Join("; ", errors);
}
