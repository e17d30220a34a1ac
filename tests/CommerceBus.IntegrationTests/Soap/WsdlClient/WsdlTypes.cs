using System.Xml.Serialization;

namespace CommerceBus.IntegrationTests.Soap.WsdlClient;

// The WSDL's complex types, typed as the schema types them (xs:int, xs:decimal, xs:dateTime), in sequence order.

/// <summary>tns:Order.</summary>
[XmlType("Order", Namespace = "urn:commercebus:legacy:orders:v1")]
public sealed class WsdlOrder
{
    [XmlElement(Order = 0)] public string OrderNumber { get; set; } = "";
    [XmlElement(Order = 1)] public string CustomerId { get; set; } = "";
    [XmlElement(Order = 2)] public string Currency { get; set; } = "";
    [XmlElement(Order = 3)] public string Region { get; set; } = "";
    [XmlElement(Order = 4)] public WsdlAddress ShipTo { get; set; } = new();

    [XmlArray(Order = 5)]
    [XmlArrayItem("OrderLine", IsNullable = false)]
    public WsdlOrderLine[] Lines { get; set; } = [];
}

/// <summary>tns:Address.</summary>
[XmlType("Address", Namespace = "urn:commercebus:legacy:orders:v1")]
public sealed class WsdlAddress
{
    [XmlElement(Order = 0)] public string Name { get; set; } = "";
    [XmlElement(Order = 1)] public string Street { get; set; } = "";
    [XmlElement(Order = 2)] public string City { get; set; } = "";
    [XmlElement(Order = 3)] public string PostalCode { get; set; } = "";
    [XmlElement(Order = 4)] public string Country { get; set; } = "";
}

/// <summary>tns:OrderLine.</summary>
[XmlType("OrderLine", Namespace = "urn:commercebus:legacy:orders:v1")]
public sealed class WsdlOrderLine
{
    [XmlElement(Order = 0)] public string Sku { get; set; } = "";
    [XmlElement(Order = 1)] public int Quantity { get; set; }
    [XmlElement(Order = 2)] public decimal UnitPrice { get; set; }
}

/// <summary>tns:OrderAck.</summary>
[XmlType("OrderAck", Namespace = "urn:commercebus:legacy:orders:v1")]
public sealed class WsdlOrderAck
{
    [XmlElement(Order = 0)] public bool Accepted { get; set; }
    [XmlElement(Order = 1)] public string OrderNumber { get; set; } = "";
    [XmlElement(Order = 2)] public string? TrackingId { get; set; }
    [XmlElement(Order = 3)] public string? Message { get; set; }
}

/// <summary>tns:OrderStatus.</summary>
[XmlType("OrderStatus", Namespace = "urn:commercebus:legacy:orders:v1")]
public sealed class WsdlOrderStatus
{
    [XmlElement(Order = 0)] public string OrderNumber { get; set; } = "";
    [XmlElement(Order = 1)] public string TrackingId { get; set; } = "";
    [XmlElement(Order = 2)] public string Status { get; set; } = "";
    [XmlElement(Order = 3)] public string? Reason { get; set; }
    [XmlElement(Order = 4)] public DateTime UpdatedAt { get; set; }
}
