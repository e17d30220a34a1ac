using System.Xml.Serialization;

namespace CommerceBus.Adapters.Soap.Wire;

/// <summary>The WSDL's <c>Order</c> as it arrived on the wire.</summary>
/// <remarks>
/// Every leaf is read as text, even the <c>xs:int</c> and <c>xs:decimal</c> ones: a quantity that is not a number
/// must be reported against its field together with every other bad field, not fail the whole body in the serializer.
/// </remarks>
[XmlType("Order", Namespace = LegacyOrderContract.Namespace)]
public sealed class LegacyOrder
{
    public string? OrderNumber { get; set; }
    public string? CustomerId { get; set; }
    public string? Currency { get; set; }
    public string? Region { get; set; }
    public LegacyAddress? ShipTo { get; set; }

    [XmlArrayItem("OrderLine")]
    public LegacyOrderLine[]? Lines { get; set; }
}
