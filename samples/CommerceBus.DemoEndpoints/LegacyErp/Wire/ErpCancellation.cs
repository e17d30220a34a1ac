using System.Xml.Serialization;

namespace CommerceBus.DemoEndpoints.LegacyErp.Wire;

/// <summary>The WSDL's <c>Cancellation</c>: the booking to cancel.</summary>
[XmlType("Cancellation", Namespace = ErpContract.Namespace)]
public sealed class ErpCancellation
{
    public string IdempotencyKey { get; set; } = "";
    public string TrackingId { get; set; } = "";
    public string OrderNumber { get; set; } = "";
    public string BookingId { get; set; } = "";
}
