namespace CommerceBus.Contracts.Fulfillment;

// The commands the order fulfillment saga sends to business endpoints. The router decides which endpoint gets each
// one, from its type and content (the ERP by region, shipping skipped for digital goods), so every field a route may
// look at is on the command itself.

/// <summary>Reserve stock for every line of an order (Inventory).</summary>
[CanonicalMessage("ReserveStock", 1)]
public sealed record ReserveStock(Guid TrackingId, string OrderNumber, IReadOnlyList<FulfillmentLine> Lines) : IOrderMessage;

/// <summary>Give back the stock reserved for an order (Inventory, compensation).</summary>
[CanonicalMessage("ReleaseStock", 1)]
public sealed record ReleaseStock(Guid TrackingId, string OrderNumber, IReadOnlyList<FulfillmentLine> Lines) : IOrderMessage;

/// <summary>Capture the order total (Payments).</summary>
[CanonicalMessage("CapturePayment", 1)]
public sealed record CapturePayment(Guid TrackingId, string OrderNumber, string CustomerId, decimal Amount, string Currency) : IOrderMessage;

/// <summary>Refund a captured payment (Payments, compensation).</summary>
[CanonicalMessage("RefundPayment", 1)]
public sealed record RefundPayment(Guid TrackingId, string OrderNumber, string PaymentId, decimal Amount, string Currency) : IOrderMessage;

/// <summary>Book the order in the ERP of its region (Legacy ERP).</summary>
[CanonicalMessage("BookOrder", 1)]
public sealed record BookOrder(
    Guid TrackingId,
    string OrderNumber,
    string CustomerId,
    string Region,
    string Currency,
    decimal Total,
    IReadOnlyList<FulfillmentLine> Lines) : IOrderMessage;

/// <summary>Cancel an ERP booking (Legacy ERP, compensation). Routed like <see cref="BookOrder"/>, by region.</summary>
[CanonicalMessage("CancelBooking", 1)]
public sealed record CancelBooking(Guid TrackingId, string OrderNumber, string Region, string BookingId) : IOrderMessage;

/// <summary>Book a shipment for an order (Shipping); orders of digital goods only are routed nowhere.</summary>
[CanonicalMessage("BookShipment", 1)]
public sealed record BookShipment(Guid TrackingId, string OrderNumber, ShippingAddress ShipTo, IReadOnlyList<FulfillmentLine> Lines) : IOrderMessage;
