namespace CommerceBus.Adapters.OData.Model;

/// <summary>An order fulfillment saga as the query API shows it: its state, what it waits for and what it has done or undone.</summary>
public sealed class Saga
{
    /// <summary>The order's tracking id, which is the saga's id.</summary>
    public Guid TrackingId { get; init; }

    public required string OrderNumber { get; init; }
    public required string CurrentState { get; init; }

    /// <summary>The command of the step the saga waits on, or null.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>When that step times out.</summary>
    public DateTime? StepDeadline { get; init; }

    public bool StockReserved { get; init; }
    public string? PaymentId { get; init; }
    public string? BookingId { get; init; }
    public string? ShipmentTrackingNumber { get; init; }
    public bool StockReleased { get; init; }
    public bool PaymentRefunded { get; init; }
    public bool BookingCancelled { get; init; }
    public bool CancelRequested { get; init; }
    public string? CancelReason { get; init; }
    public string? Reason { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
