namespace CommerceBus.Contracts.Fulfillment;

// What business endpoints answer. A refusal is an answer, not an error: it carries the endpoint's reason and the saga
// compensates. Technical failures (timeouts, connection refused) are not replies; the hub retries them.

/// <summary>Inventory reserved stock for every line.</summary>
[CanonicalMessage("StockReserved", 1)]
public sealed record StockReserved(Guid TrackingId, string OrderNumber) : IOrderMessage;

/// <summary>Inventory could not reserve stock; the reason names the sku.</summary>
[CanonicalMessage("StockRefused", 1)]
public sealed record StockRefused(Guid TrackingId, string OrderNumber, string Reason) : IOrderMessage;

/// <summary>Inventory released the stock of an order.</summary>
[CanonicalMessage("StockReleased", 1)]
public sealed record StockReleased(Guid TrackingId, string OrderNumber) : IOrderMessage;

/// <summary>Payments captured the order total.</summary>
[CanonicalMessage("PaymentCaptured", 1)]
public sealed record PaymentCaptured(Guid TrackingId, string OrderNumber, string PaymentId) : IOrderMessage;

/// <summary>Payments declined the capture.</summary>
[CanonicalMessage("PaymentDeclined", 1)]
public sealed record PaymentDeclined(Guid TrackingId, string OrderNumber, string Reason) : IOrderMessage;

/// <summary>Payments refunded a capture.</summary>
[CanonicalMessage("PaymentRefunded", 1)]
public sealed record PaymentRefunded(Guid TrackingId, string OrderNumber, string PaymentId) : IOrderMessage;

/// <summary>The ERP booked the order.</summary>
[CanonicalMessage("OrderBooked", 1)]
public sealed record OrderBooked(Guid TrackingId, string OrderNumber, string BookingId, string Erp) : IOrderMessage;

/// <summary>The ERP refused the booking.</summary>
[CanonicalMessage("BookingRefused", 1)]
public sealed record BookingRefused(Guid TrackingId, string OrderNumber, string Reason) : IOrderMessage;

/// <summary>The ERP cancelled a booking.</summary>
[CanonicalMessage("BookingCancelled", 1)]
public sealed record BookingCancelled(Guid TrackingId, string OrderNumber, string BookingId) : IOrderMessage;

/// <summary>Shipping booked a shipment and gave it a tracking number.</summary>
[CanonicalMessage("ShipmentBooked", 1)]
public sealed record ShipmentBooked(Guid TrackingId, string OrderNumber, string ShipmentTrackingNumber) : IOrderMessage;

/// <summary>Shipping refused the shipment.</summary>
[CanonicalMessage("ShipmentRefused", 1)]
public sealed record ShipmentRefused(Guid TrackingId, string OrderNumber, string Reason) : IOrderMessage;

/// <summary>
/// The router sent a command nowhere because a route with no endpoints matched it (shipping for digital goods):
/// the step is not needed, and the saga moves on.
/// </summary>
[CanonicalMessage("StepSkipped", 1)]
public sealed record StepSkipped(Guid TrackingId, string OrderNumber, string CommandType, string Route) : IOrderMessage;
