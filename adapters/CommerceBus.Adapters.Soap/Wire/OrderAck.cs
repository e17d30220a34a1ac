using System.Xml.Serialization;

namespace CommerceBus.Adapters.Soap.Wire;

/// <summary>The WSDL's <c>OrderAck</c>: the answer to PlaceOrder and CancelOrder. Properties are in schema order.</summary>
[XmlType("OrderAck", Namespace = LegacyOrderContract.Namespace)]
public sealed class OrderAck
{
    public bool Accepted { get; set; }
    public string OrderNumber { get; set; } = "";
    public string? TrackingId { get; set; }
    public string? Message { get; set; }
}
