using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using MassTransit;

namespace CommerceBus.Core.Sagas;

/// <summary>The order fulfillment saga's memory of one order: where it is, and what has been done that may need undoing.</summary>
public sealed class OrderState : SagaStateMachineInstance
{
    /// <summary>The order's tracking id.</summary>
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";
    public string OrderNumber { get; set; } = "";

    /// <summary>The accepted order as canonical JSON; the steps' commands are made from it.</summary>
    public string OrderJson { get; set; } = "";

    public bool StockReserved { get; set; }
    public string? PaymentId { get; set; }
    public string? BookingId { get; set; }
    public string? ShipmentTrackingNumber { get; set; }
    public bool CancelRequested { get; set; }
    public string? CancelReason { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public PlaceOrder Order() => (PlaceOrder)CanonicalJson.Deserialize(OrderJson, typeof(PlaceOrder))!;

    public IReadOnlyList<FulfillmentLine> Lines() =>
        [.. Order().Lines!.Select(l => new FulfillmentLine(l.Sku!, l.Quantity, l.UnitPrice))];
}
