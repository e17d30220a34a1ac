using System.Text;
using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Wsdl;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class WsdlDocumentTests
{
    [Fact]
    public void Every_service_address_is_rewritten_and_nothing_else_changes()
    {
        var wsdl = new WsdlDocument();

        var served = XDocument.Parse(Encoding.UTF8.GetString(wsdl.Render("https://hub.example.com/soap/OrderService")));

        var addresses = served.Descendants().Where(e => e.Name.LocalName == "address").ToList();
        Assert.Equal(2, addresses.Count);
        Assert.All(addresses, a => Assert.Equal("https://hub.example.com/soap/OrderService", (string?)a.Attribute("location")));
        Assert.Equal("urn:commercebus:legacy:orders:v1", (string?)served.Root!.Attribute("targetNamespace"));
        Assert.Equal(3, served.Descendants().Count(e => e.Name.LocalName == "operation" && e.Parent!.Name.LocalName == "portType"));
    }
}
