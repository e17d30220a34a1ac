using System.Xml.Serialization;

namespace CommerceBus.DemoEndpoints.LegacyErp.Wire;

/// <summary>The WSDL's <c>Booking</c>: the order to book, with the caller's idempotency key.</summary>
[XmlType("Booking", Namespace = ErpContract.Namespace)]
public sealed class ErpBooking
{
    public string IdempotencyKey { get; set; } = "";
    public string TrackingId { get; set; } = "";
    public string OrderNumber { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public string Region { get; set; } = "";
    public string Currency { get; set; } = "";
    public decimal Total { get; set; }

    [XmlArrayItem("Line")]
    public ErpBookingLine[] Lines { get; set; } = [];
}
