using System.Xml.Serialization;

namespace CommerceBus.DemoEndpoints.LegacyErp.Wire;

/// <summary>The WSDL's <c>BookingLine</c>.</summary>
[XmlType("BookingLine", Namespace = ErpContract.Namespace)]
public sealed class ErpBookingLine
{
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}
