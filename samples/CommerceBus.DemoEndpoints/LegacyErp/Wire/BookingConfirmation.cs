using System.Xml.Serialization;

namespace CommerceBus.DemoEndpoints.LegacyErp.Wire;

/// <summary>The WSDL's <c>BookingConfirmation</c>: the answer to BookOrder.</summary>
[XmlType("BookingConfirmation", Namespace = ErpContract.Namespace)]
public sealed class BookingConfirmation
{
    public string BookingId { get; set; } = "";
    public string Erp { get; set; } = "";
}
