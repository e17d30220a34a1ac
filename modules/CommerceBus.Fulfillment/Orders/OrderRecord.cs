
namespace CommerceBus.Fulfillment.Orders;

/// <summary>
/// An order's facts as the client sent them (table <c>orders</c>): written once, when the order is accepted, and never
/// updated. Where the order stands (status, reason, shipment, cancel) is its saga's, <see cref="Saga"/>: every protocol's
/// answer about an order reads the two together, so there is one place for the order's state and nothing to keep in step.
/// </summary>
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
    public required string SourceAdapter { get; set; }
    public required string CorrelationId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The order's saga (same tracking id), made in the same transaction as the order: its state, and the accepted command
    /// as canonical JSON (the idempotency check compares a re-sent order with it; the steps and recovery are made from it).
    /// </summary>
    public OrderSagaRecord Saga { get; set; } = null!;
}
