namespace CommerceBus.Abstractions.Events;

/// <summary>One outcome event of an order, as observers hear it.</summary>
/// <param name="EventId">The event's id on the bus; the same when the event is heard again.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OrderNumber">The order.</param>
/// <param name="TrackingId">The order's tracking id.</param>
/// <param name="Status">The order's status after the event.</param>
/// <param name="Reason">Why the order failed or was cancelled; null otherwise.</param>
/// <param name="CorrelationId">The correlation id of the flow that placed the order (the client's, when it gave one).</param>
public sealed record OrderEventNotice(
    Guid EventId,
    OrderEventKind Kind,
    string OrderNumber,
    Guid TrackingId,
    string Status,
    string? Reason,
    string? CorrelationId);

/// <summary>The outcome events of an order.</summary>
public enum OrderEventKind
{
    Accepted,
    Completed,
    Failed,
    Cancelled,
}
