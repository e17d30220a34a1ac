using System.Xml.Serialization;

namespace CommerceBus.Adapters.Soap.Wire;

/// <summary>The WSDL's <c>OrderStatus</c>: the answer to GetOrderStatus. Properties are in schema order.</summary>
[XmlType("OrderStatus", Namespace = LegacyOrderContract.Namespace)]
public sealed class LegacyOrderStatus
{
    public string OrderNumber { get; set; } = "";
    public string TrackingId { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Reason { get; set; }

    /// <summary>UTC, so the serializer writes an <c>xs:dateTime</c> with a <c>Z</c>.</summary>
    public DateTime UpdatedAt { get; set; }
}
