namespace CommerceBus.Abstractions.Inbound;

/// <summary>An order's status as the read model knows it.</summary>
public sealed record OrderStatusView(string OrderNumber, Guid TrackingId, string Status, string? Reason, DateTimeOffset UpdatedAt);
