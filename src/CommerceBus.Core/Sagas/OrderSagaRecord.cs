using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.Core.Sagas;

/// <summary>
/// The order fulfillment saga's memory of one order (table <c>order_sagas</c>): where it is, what it waits for and
/// until when, and what has been done that may need undoing.
/// </summary>
public sealed class OrderSagaRecord : IVersionedSaga
{
    /// <summary>The order's tracking id.</summary>
    public Guid CorrelationId { get; set; }

    /// <summary>Bumped by every stored change; an update from an older version is refused (optimistic concurrency).</summary>
    public int Version { get; set; }

    public string CurrentState { get; set; } = "";
    public string OrderNumber { get; set; } = "";

    /// <summary>The accepted order as canonical JSON; the steps' commands are made from it.</summary>
    public string OrderJson { get; set; } = "";

    /// <summary>The command of the step the saga waits on (<c>ReserveStock</c>, <c>CapturePayment</c>, ...), or null.</summary>
    public string? WaitingFor { get; set; }

    /// <summary>When the step the saga waits on times out; stored so a restart can schedule the timeout again.</summary>
    public DateTime? StepDeadline { get; set; }

    /// <summary>The scheduler's token of the pending step timeout, so it can be cancelled when the step answers.</summary>
    public Guid? StepTimeoutTokenId { get; set; }

    public bool StockReserved { get; set; }
    public string? PaymentId { get; set; }
    public string? BookingId { get; set; }
    public string? ShipmentTrackingNumber { get; set; }

    public bool StockReleased { get; set; }
    public bool PaymentRefunded { get; set; }
    public bool BookingCancelled { get; set; }

    public bool CancelRequested { get; set; }
    public string? CancelReason { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>True when a compensation was sent for something done and its confirmation has not arrived.</summary>
    public bool CompensationPending =>
        (StockReserved && !StockReleased) || (PaymentId is not null && !PaymentRefunded) || (BookingId is not null && !BookingCancelled);

    public PlaceOrder Order() => (PlaceOrder)CanonicalJson.Deserialize(OrderJson, typeof(PlaceOrder))!;

    public IReadOnlyList<FulfillmentLine> Lines() =>
        [.. Order().Lines!.Select(l => new FulfillmentLine(l.Sku!, l.Quantity, l.UnitPrice))];
}
