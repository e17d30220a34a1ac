namespace CommerceBus.Abstractions.Events;

/// <summary>One outcome event of something the hub tracks, as observers hear it.</summary>
/// <param name="EventId">The event's id on the bus; the same when the event is heard again.</param>
/// <param name="Family">What kind of thing it is about (<c>order</c>, <c>OrderFamily.Name</c> in the contracts).</param>
/// <param name="Kind">What happened, in the module's words (for an order: <c>Accepted</c>, <c>Completed</c>, <c>Failed</c>, <c>Cancelled</c>).</param>
/// <param name="Key">The business key (an order number).</param>
/// <param name="TrackingId">The hub's id of it.</param>
/// <param name="Status">Its status after the event.</param>
/// <param name="Reason">Why it failed or was cancelled; null otherwise.</param>
/// <param name="CorrelationId">The correlation id of the flow that started it (the client's, when it gave one).</param>
public sealed record HubEventNotice(
    Guid EventId,
    string Family,
    string Kind,
    string Key,
    Guid TrackingId,
    string Status,
    string? Reason,
    string? CorrelationId);
