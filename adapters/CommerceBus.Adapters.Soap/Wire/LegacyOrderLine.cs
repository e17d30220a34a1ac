using System.Xml.Serialization;

namespace CommerceBus.Adapters.Soap.Wire;

/// <summary>The WSDL's <c>OrderLine</c>; quantity and price stay text until the translator reads them.</summary>
[XmlType("OrderLine", Namespace = LegacyOrderContract.Namespace)]
public sealed class LegacyOrderLine
{
    public string? Sku { get; set; }
    public string? Quantity { get; set; }
    public string? UnitPrice { get; set; }
}
