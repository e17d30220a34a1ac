using System.Net;
using System.Text;
using System.Xml.Linq;
using CommerceBus.Conformance;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>
/// The hub as a SOAP client of the demo Legacy ERP (two real SOAP services, ERP-EU on SOAP 1.1 and ERP-US on
/// SOAP 1.2): region routing from configuration, the ERP's refusal fault and the compensation it triggers, and the
/// ERP's wire against its own WSDL.
/// </summary>
public sealed class LegacyErpTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private static readonly WsdlSchema ErpContract = WsdlSchema.Load("LegacyErp.wsdl");
    private static readonly XNamespace Erp = "urn:commercebus:demo:legacy-erp:v1";

    private TestHub Hub => fixture.Hub;

    [Theory]
    [InlineData("EU", "ERP-EU")]
    [InlineData("US", "ERP-US")]
    [InlineData("APAC", "ERP-US")]
    public async Task Order_is_booked_in_the_ERP_of_its_region(string region, string erp)
    {
        var order = Orders.Valid() with { Region = region };

        var placed = await new RawSoapClient(Hub.Http, soap12: false).SendAsync(SoapMessages.PlaceOrder(order));
        Assert.Equal("true", placed.Result("Accepted"));

        Assert.Equal("Completed", (await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        var (booked, other) = erp == "ERP-EU" ? (Hub.Demo.ErpEu, Hub.Demo.ErpUs) : (Hub.Demo.ErpUs, Hub.Demo.ErpEu);
        Assert.StartsWith(erp + "-", booked.Bookings[order.OrderNumber!], StringComparison.Ordinal);
        Assert.False(other.Bookings.ContainsKey(order.OrderNumber!));
        var delivery = await Hub.JournalAsync(j => j.Where(e => e.OrderNumber == order.OrderNumber && e.MessageType == "BookOrder.v1" && e.Direction == JournalDirection.Outbound));
        Assert.Contains(delivery, e => e.Destination == erp.ToLowerInvariant() && e.Outcome == "Delivered");
    }

    [Theory]
    [InlineData("EU", "ERP-EU")]
    [InlineData("US", "ERP-US")]
    public async Task Booking_refused_by_the_ERP_fails_the_order_and_compensates(string region, string erp)
    {
        var order = Orders.Valid() with { Region = region, CustomerId = "ERRERP-42" };

        var placed = await new RawSoapClient(Hub.Http, soap12: true).SendAsync(SoapMessages.PlaceOrder(order));
        var trackingId = Guid.Parse(placed.Result("TrackingId")!);

        var status = await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal("Failed", status!.Status);
        Assert.Equal($"{erp} refused the booking: customer ERRERP-42 cannot be booked", status.Reason);
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Payments.Refunded.Keys.Any(k => k.Contains(trackingId.ToString("N")[..16], StringComparison.Ordinal))), x => x, "the payment to be refunded");
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Inventory.Released.ContainsKey(trackingId)), x => x, "the stock to be released");
        Assert.False(Hub.Demo.ErpEu.Bookings.ContainsKey(order.OrderNumber!) || Hub.Demo.ErpUs.Bookings.ContainsKey(order.OrderNumber!));
        Assert.DoesNotContain(order.OrderNumber!, Hub.Demo.Shipping.Shipments.Keys);
    }

    [Theory]
    [InlineData("erp-eu", false)]
    [InlineData("erp-us", true)]
    public async Task ERP_answers_on_its_own_WSDL_and_refuses_with_a_BookingRefused_fault(string endpoint, bool soap12)
    {
        using var http = new HttpClient { BaseAddress = ErpAddress(endpoint) };
        var key = Guid.NewGuid().ToString();

        var booked = await PostAsync(http, soap12, "BookOrder", Booking(key, "C-1"));
        var refused = await PostAsync(http, soap12, "BookOrder", Booking(Guid.NewGuid().ToString(), "ERRERP-1"));
        var again = await PostAsync(http, soap12, "BookOrder", Booking(key, "C-1"));

        Assert.Equal(HttpStatusCode.OK, booked.Status);
        Assert.Empty(ErpContract.Violations(booked.Payload));
        Assert.Equal(booked.Payload.ToString(), again.Payload.ToString());
        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Equal(soap12 ? "Sender" : "Client", refused.FaultCodeName);
        var detail = refused.Payload.Descendants(Erp + "BookingRefused").Single();
        Assert.Empty(ErpContract.Violations(detail));
        Assert.Contains("ERRERP-1 cannot be booked", (string?)detail.Element(Erp + "Reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ERP_serves_its_WSDL_file_with_its_own_address()
    {
        var address = new Uri(ErpAddress("erp-eu"), "/LegacyErp/BookingService");
        using var http = new HttpClient();

        var wsdl = XDocument.Parse(await http.GetStringAsync(address + "?wsdl"));

        var locations = wsdl.Descendants().Where(e => e.Name.LocalName == "address").Select(e => (string?)e.Attribute("location")).ToList();
        Assert.Equal(2, locations.Count);
        Assert.All(locations, l => Assert.Equal(address.ToString(), l));
    }

    private Uri ErpAddress(string endpoint) => new(Hub.Settings[$"CommerceBus:Endpoints:{endpoint}:Address"]!);

    private static XElement Booking(string key, string customer) => new(Erp + "Booking",
        new XElement(Erp + "IdempotencyKey", key),
        new XElement(Erp + "TrackingId", Guid.NewGuid()),
        new XElement(Erp + "OrderNumber", Orders.NewNumber("R")),
        new XElement(Erp + "CustomerId", customer),
        new XElement(Erp + "Region", "EU"),
        new XElement(Erp + "Currency", "EUR"),
        new XElement(Erp + "Total", "39.98"),
        new XElement(Erp + "Lines", new XElement(Erp + "Line", new XElement(Erp + "Sku", "BOOK-001"), new XElement(Erp + "Quantity", "2"), new XElement(Erp + "UnitPrice", "19.99"))));

    private static async Task<SoapResponse> PostAsync(HttpClient http, bool soap12, string operation, XElement argument)
    {
        var env = soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11;
        var envelope = new XElement(XName.Get("Envelope", env), new XElement(XName.Get("Body", env), new XElement(Erp + operation, argument)));
        var action = $"{Erp.NamespaceName}/{operation}";
        using var content = new StringContent(envelope.ToString(), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(soap12 ? $"application/soap+xml; charset=utf-8; action=\"{action}\"" : "text/xml; charset=utf-8");
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = content };
        if (!soap12)
        {
            request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{action}\"");
        }

        using var response = await http.SendAsync(request);
        return new SoapResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
