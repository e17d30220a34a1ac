namespace CommerceBus.Abstractions.Inbound;

/// <summary>
/// Where something the hub tracks stands (an order, for the order business): the answer of a status query
/// (<see cref="IInboundGateway.GetStatusAsync"/>), as the module that owns it knows it.
/// </summary>
/// <param name="Key">The business key the client names it by (an order number).</param>
/// <param name="TrackingId">The hub's id of it, given when it was accepted.</param>
/// <param name="Status">Its status, in the module's words (the order statuses of the wire contracts).</param>
/// <param name="Reason">Why it failed or was cancelled, once it has; null otherwise.</param>
/// <param name="UpdatedAt">When its status last changed.</param>
public sealed record StatusView(string Key, Guid TrackingId, string Status, string? Reason, DateTimeOffset UpdatedAt);
