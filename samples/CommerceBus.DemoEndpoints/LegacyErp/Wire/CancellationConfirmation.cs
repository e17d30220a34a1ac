using System.Xml.Serialization;

namespace CommerceBus.DemoEndpoints.LegacyErp.Wire;

/// <summary>The WSDL's <c>CancellationConfirmation</c>: the answer to CancelBooking.</summary>
[XmlType("CancellationConfirmation", Namespace = ErpContract.Namespace)]
public sealed class CancellationConfirmation
{
    public string BookingId { get; set; } = "";
    public bool Cancelled { get; set; }
}
