using System.Xml.Serialization;

namespace CommerceBus.Adapters.Soap.Wire;

/// <summary>The WSDL's <c>Address</c>.</summary>
[XmlType("Address", Namespace = LegacyOrderContract.Namespace)]
public sealed class LegacyAddress
{
    public string? Name { get; set; }
    public string? Street { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
}
