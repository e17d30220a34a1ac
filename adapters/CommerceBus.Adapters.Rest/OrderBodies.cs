namespace CommerceBus.Adapters.Rest;

/// <summary>The answer to an accepted place or cancel request.</summary>
internal sealed record OrderAcceptedBody(string OrderNumber, Guid TrackingId, string Status);

/// <summary>The answer to an order look-up.</summary>
internal sealed record OrderStatusBody(string OrderNumber, Guid TrackingId, string Status, string? Reason, DateTimeOffset UpdatedAt);
