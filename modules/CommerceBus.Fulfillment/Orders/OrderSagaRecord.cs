using System.Linq.Expressions;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.Fulfillment.Orders;

/// <summary>
/// The order fulfillment saga's memory of one order (table <c>order_sagas</c>), and the one place of the order's state:
/// where it is, what it waits for and until when, what has been done that may need undoing, and the status every
/// protocol reports. It is made when the order is accepted (state <see cref="OrderFulfillmentStates.NotStarted"/>).
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

    /// <summary>When the step the saga waits on times out.</summary>
    public DateTime? StepDeadline { get; set; }

    /// <summary>
    /// When the step deadline sweep next sends the saga the timeout of the step it waits on: the
    /// <see cref="StepDeadline"/>, set and cleared by the saga in the transition's own save, then moved on by the sweep
    /// that fires it (so a timeout sent but not handled, the hub killed in between, fires again). Null when the saga waits
    /// on nothing. The sweep reads only the rows due (an index on this column).
    /// </summary>
    public DateTime? StepTimeoutDueAt { get; set; }

    public bool StockReserved { get; set; }
    public string? PaymentId { get; set; }
    public string? BookingId { get; set; }
    public string? ShipmentTrackingNumber { get; set; }

    public bool StockReleased { get; set; }
    public bool PaymentRefunded { get; set; }
    public bool BookingCancelled { get; set; }

    /// <summary>
    /// The order's public status, one of the <see cref="OrderStatus"/> names: it only moves forward, and a final one
    /// never changes (the saga's projection).
    /// </summary>
    public string Status { get; set; } = nameof(OrderStatus.Accepted);

    /// <summary>When <see cref="Status"/> last changed (or the order was accepted): the status answers' "updated at".</summary>
    public DateTime StatusChangedAt { get; set; }

    /// <summary>When the hub accepted a cancel request for the order; set by the cancel's acceptor, before the saga sees it.</summary>
    public DateTime? CancelRequestedAt { get; set; }

    /// <summary>True once the saga has received the cancel request (it acts on it when the step in flight answers).</summary>
    public bool CancelRequested { get; set; }
    public string? CancelReason { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Re-drives since the saga last made progress; the next re-drive backs off by it.
    /// </summary>
    public int RedriveCount { get; set; }

    /// <summary>
    /// When the hub re-drives the saga if it has made no progress by then; null when it owes nothing (it completed, or it
    /// ended and every compensation is confirmed, or what it owes is parked for an operator). The stalled-order sweep
    /// reads only the rows due (an index on this column), so its cost does not grow with the number of finished orders.
    /// </summary>
    public DateTime? NextRedriveAt { get; set; }

    /// <summary>
    /// What a saga owes, in a form the database evaluates: the step it waits on, or, once failed or cancelled, a
    /// compensation whose confirmation is missing. A completed saga owes nothing: its stock stays reserved and its
    /// payment captured on purpose.
    /// </summary>
    public static readonly Expression<Func<OrderSagaRecord, bool>> OwesWork = s =>
        s.WaitingFor != null
        || ((s.CurrentState == OrderFulfillmentStates.Failed || s.CurrentState == OrderFulfillmentStates.Cancelled)
            && ((s.StockReserved && !s.StockReleased) || (s.PaymentId != null && !s.PaymentRefunded) || (s.BookingId != null && !s.BookingCancelled)));

    private static readonly Func<OrderSagaRecord, bool> Owes = OwesWork.Compile();

    /// <summary>True while the saga waits on a step, or has failed or been cancelled with a compensation unconfirmed.</summary>
    public bool OwesSomething => Owes(this);

    public PlaceOrder Order() => (PlaceOrder)CanonicalJson.Deserialize(OrderJson, typeof(PlaceOrder))!;

    public IReadOnlyList<FulfillmentLine> Lines() =>
        [.. Order().Lines!.Select(l => new FulfillmentLine(l.Sku!, l.Quantity, l.UnitPrice))];
}
