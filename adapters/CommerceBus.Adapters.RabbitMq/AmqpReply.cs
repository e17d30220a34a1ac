namespace CommerceBus.Adapters.RabbitMq;

/// <summary>The answer sent to <c>reply_to</c>, when a publisher set it.</summary>
/// <param name="Outcome">Accepted, Duplicate, Invalid, Conflict or NotFound.</param>
/// <param name="OrderNumber">The order, when known.</param>
/// <param name="TrackingId">The order's tracking id, when accepted.</param>
/// <param name="Status">The order's status after the message.</param>
/// <param name="Reason">Why it was refused, or what the hub did.</param>
public sealed record AmqpReply(string Outcome, string? OrderNumber, Guid? TrackingId, string? Status, string Reason);
