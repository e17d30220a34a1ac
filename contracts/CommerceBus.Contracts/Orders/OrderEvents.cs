namespace CommerceBus.Contracts.Orders;

/// <summary>The hub accepted an order: it is on disk and its fulfillment has begun.</summary>
[CanonicalMessage("OrderAccepted", 1)]
public sealed record OrderAccepted
{
    public Guid TrackingId { get; init; }
    public string OrderNumber { get; init; } = "";
    public string Status { get; init; } = nameof(OrderStatus.Accepted);
}

/// <summary>An order went through every step of its fulfillment.</summary>
[CanonicalMessage("OrderCompleted", 1)]
public sealed record OrderCompleted
{
    public Guid TrackingId { get; init; }
    public string OrderNumber { get; init; } = "";
    public string Status { get; init; } = nameof(OrderStatus.Completed);

    /// <summary>The shipment tracking number; empty for digital orders.</summary>
    public string? ShipmentTrackingNumber { get; init; }
}

/// <summary>An order failed; whatever was done for it has been compensated.</summary>
[CanonicalMessage("OrderFailed", 1)]
public sealed record OrderFailed
{
    public Guid TrackingId { get; init; }
    public string OrderNumber { get; init; } = "";
    public string Status { get; init; } = nameof(OrderStatus.Failed);
    public string Reason { get; init; } = "";
}

/// <summary>An order was cancelled on request before it shipped; whatever was done for it has been compensated.</summary>
[CanonicalMessage("OrderCancelled", 1)]
public sealed record OrderCancelled
{
    public Guid TrackingId { get; init; }
    public string OrderNumber { get; init; } = "";
    public string Status { get; init; } = nameof(OrderStatus.Cancelled);
    public string Reason { get; init; } = "";
}
