using System.Net;
using System.Xml.Linq;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>The WSDL the hub serves at <c>?wsdl</c> is the shipped contract file, with the address where the client reached it.</summary>
public sealed class WsdlTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Served_WSDL_is_the_shipped_file_with_the_hubs_address()
    {
        using var response = await Hub.Http.GetAsync("/soap/OrderService?wsdl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var served = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var address = new Uri(Hub.BaseAddress, "/soap/OrderService").ToString();
        var locations = served.Descendants().Where(e => e.Name.LocalName == "address").ToList();
        Assert.Equal(2, locations.Count);
        Assert.All(locations, l => Assert.Equal(address, (string?)l.Attribute("location")));

        // Apart from the address, it is the shipped document.
        var shipped = WsdlSchema.Load("OrderService.wsdl").Wsdl;
        foreach (var location in shipped.Descendants().Where(e => e.Name.LocalName == "address"))
        {
            location.SetAttributeValue("location", address);
        }

        Assert.True(XNode.DeepEquals(Normalize(shipped), Normalize(served)), "the served WSDL differs from contracts/wire/legacy-soap/OrderService.wsdl");
    }

    [Fact]
    public void Shipped_WSDL_has_one_schema_per_namespace_and_compiles()
    {
        var contract = WsdlSchema.Load("OrderService.wsdl");

        Assert.Single(contract.Schemas.Schemas());
        Assert.NotNull(contract.Schemas.GlobalElements[new System.Xml.XmlQualifiedName("PlaceOrder", SoapMessages.Orders)]);
    }

    [Fact]
    public async Task Plain_GET_says_where_the_WSDL_is()
    {
        var text = await Hub.Http.GetStringAsync("/soap/OrderService");

        Assert.Contains("/soap/OrderService?wsdl", text, StringComparison.Ordinal);
    }

    private static XElement Normalize(XDocument document)
    {
        var copy = new XElement(document.Root!);
        foreach (var text in copy.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList())
        {
            text.Remove();
        }

        foreach (var comment in copy.DescendantNodes().OfType<XComment>().ToList())
        {
            comment.Remove();
        }

        return copy;
    }
}
