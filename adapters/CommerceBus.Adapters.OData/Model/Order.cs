namespace CommerceBus.Adapters.OData.Model;

/// <summary>An order as the query API shows it: what the hub knows of it, without its internal bookkeeping.</summary>
public sealed class Order
{
    public required string OrderNumber { get; init; }
    public Guid TrackingId { get; init; }
    public required string CustomerId { get; init; }
    public required string Currency { get; init; }
    public required string Region { get; init; }
    /// <summary>Personal data, like the street, city and postal code: null unless the caller has the <c>pii</c> role.</summary>
    public string? ShipToName { get; init; }
    public string? ShipToStreet { get; init; }
    public string? ShipToCity { get; init; }
    public string? ShipToPostalCode { get; init; }
    public required string ShipToCountry { get; init; }
    public decimal Total { get; init; }
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public string? ShipmentTrackingNumber { get; init; }
    public string? CancelReason { get; init; }
    public required string SourceAdapter { get; init; }
    public required string CorrelationId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>The order's lines; sent only with <c>$expand=Lines</c>.</summary>
    public List<OrderLine>? Lines { get; init; }
}
