namespace CommerceBus.Core.Orders;

/// <summary>The order read model: what the hub knows of one order, as every protocol reports it.</summary>
public sealed class OrderRecord
{
    public required string OrderNumber { get; set; }
    public Guid TrackingId { get; set; }
    public required string CustomerId { get; set; }
    public required string Currency { get; set; }
    public required string Region { get; set; }
    public required string ShipToName { get; set; }
    public required string ShipToStreet { get; set; }
    public required string ShipToCity { get; set; }
    public required string ShipToPostalCode { get; set; }
    public required string ShipToCountry { get; set; }
    public decimal Total { get; set; }
    public List<OrderLineRecord> Lines { get; set; } = [];

    /// <summary>One of the <see cref="Contracts.Orders.OrderStatus"/> names.</summary>
    public required string Status { get; set; }

    /// <summary>Why the order failed or was cancelled.</summary>
    public string? Reason { get; set; }

    public string? ShipmentTrackingNumber { get; set; }
    public DateTime? CancelRequestedAt { get; set; }
    public string? CancelReason { get; set; }
    public required string SourceAdapter { get; set; }
    public required string CorrelationId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// The accepted command as canonical JSON: the idempotency check compares a re-sent order with it, and recovery
    /// re-drives the fulfillment from it after a crash.
    /// </summary>
    public required string CommandJson { get; set; }
}
