using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.IntegrationTests.Proxy;

/// <summary>The HTTP pass-through proxy over real sockets: the hub in front of two real echo services.</summary>
public sealed class ProxyTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private HttpClient Http => fixture.Hub.Http;

    [Fact]
    public async Task Pass_through_forwards_method_path_query_headers_and_body_intact()
    {
        var body = new byte[10_000];
        Random.Shared.NextBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/px/pass/items/42?x=1&y=two")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/octet-stream");
        request.Headers.Add("X-Custom", "kept as is");
        var marker = Guid.NewGuid().ToString("N");
        request.Headers.Add("X-Marker", marker);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("A", Assert.Single(response.Headers.GetValues("X-Backend")));
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        var received = Assert.Single(fixture.A.Received, r => r.Headers.GetValueOrDefault("X-Marker") == marker);
        Assert.Equal("PUT", received.Method);
        Assert.Equal("/svc/items/42?x=1&y=two", received.PathAndQuery);
        Assert.Equal("kept as is", received.Headers["X-Custom"]);
        Assert.Equal("application/octet-stream", received.ContentType);
        Assert.Equal(body, received.Body);
    }

    [Theory]
    [InlineData("a", "A")]
    [InlineData("b", "B")]
    public async Task Http_header_value_chooses_the_destination(string value, string backend)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/px/hdr/quote") { Content = new StringContent("{\"n\":1}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Route", value);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(backend, Assert.Single(response.Headers.GetValues("X-Backend")));
        Assert.Equal("{\"n\":1}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("a", "A")]
    [InlineData("b", "B")]
    public async Task Soap_header_element_chooses_the_destination_and_the_envelope_arrives_intact(string target, string backend)
    {
        var xml = ProxySoap.WithTarget(target);

        using var response = await Http.PostAsync("/px/soaph/QuoteService", ProxySoap.Content(xml));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(backend, Assert.Single(response.Headers.GetValues("X-Backend")));
        Assert.Equal(xml, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("IBM", "A")]
    [InlineData("MSFT", "B")]
    public async Task Soap_body_element_of_the_first_order_chooses_the_destination(string symbol, string backend)
    {
        // The second order's symbol names the other destination: only //order[1]/symbol may decide.
        var xml = ProxySoap.Quote(symbol, secondSymbol: symbol == "IBM" ? "MSFT" : "IBM");

        using var response = await Http.PostAsync("/px/soapb/QuoteService", ProxySoap.Content(xml));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(backend, Assert.Single(response.Headers.GetValues("X-Backend")));
        Assert.Equal(xml, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Soap_value_without_a_case_gets_a_soap_fault_and_nothing_is_forwarded()
    {
        var before = fixture.A.Received.Count + fixture.B.Received.Count;

        using var response = await Http.PostAsync("/px/soapb/QuoteService", ProxySoap.Content(ProxySoap.Quote("ORCL")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.ToString());
        var fault = await response.Content.ReadAsStringAsync();
        Assert.Contains("<faultcode>soap:Client</faultcode>", fault);
        Assert.Contains("no case for SOAP Body element //order[1]/symbol &apos;ORCL&apos;", fault);
        Assert.Equal(before, fixture.A.Received.Count + fixture.B.Received.Count);
    }

    [Fact]
    public async Task Header_value_without_a_case_gets_problem_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/px/hdr/quote");
        request.Headers.Add("X-Route", "nowhere");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("no case for header X-Route 'nowhere'", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><order><symbol>IBM</sym", "not well-formed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"IBM\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><order><symbol>&e;</symbol></order></soap:Body></soap:Envelope>", "DTD")]
    [InlineData("<order><symbol>IBM</symbol></order>", "not a SOAP envelope")]
    public async Task Malformed_or_hostile_xml_gets_a_400_fault_and_nothing_is_forwarded(string xml, string problem)
    {
        var before = fixture.A.Received.Count + fixture.B.Received.Count;

        using var response = await Http.PostAsync("/px/soapb/QuoteService", ProxySoap.Content(xml));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fault = await response.Content.ReadAsStringAsync();
        Assert.Contains("Malformed SOAP request", fault);
        Assert.Contains(problem, fault);
        Assert.Equal(before, fixture.A.Received.Count + fixture.B.Received.Count);
    }

    [Fact]
    public async Task Soap_1_2_request_gets_a_soap_1_2_fault()
    {
        using var content = new StringContent("<nope/>", Encoding.UTF8, "application/soap+xml");

        using var response = await Http.PostAsync("/px/soapb/QuoteService", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<env:Value>env:Sender</env:Value>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Element_beyond_the_scan_limit_gets_413_without_reading_the_whole_body()
    {
        var filler = string.Concat(Enumerable.Repeat("<q:note>padding padding padding padding</q:note>", 4000));

        using var client = fixture.Hub.OneShotClient();
        using var response = await client.PostAsync("/px/soapb/QuoteService", ProxySoap.Content(ProxySoap.Quote("IBM", filler: filler)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("was not within the first 65536 bytes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Large_body_is_streamed_to_the_destination_before_the_client_has_sent_it_all()
    {
        // The routing element comes first; the client sends the rest only once the destination has started to receive
        // the body. A proxy that read the whole document before forwarding would wait forever here.
        var head = Encoding.UTF8.GetBytes(ProxySoap.Quote("MSFT").Split("</q:placeOrders>")[0]);
        var padding = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<q:note>0123456789abcdef0123456789abcdef</q:note>", 100_000)));
        var tail = Encoding.UTF8.GetBytes("</q:placeOrders></soap:Body></soap:Envelope>");
        var firstPart = head.Concat(padding[..(padding.Length / 2)]).ToArray();
        var secondPart = padding[(padding.Length / 2)..].Concat(tail).ToArray();
        var whole = firstPart.Concat(secondPart).ToArray();
        using var content = new HeldBackContent(firstPart, secondPart, fixture.B.FirstBodyBytes.Task.WaitAsync(Deadline));

        using var response = await Http.PostAsync("/px/soapb/Big", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("B", Assert.Single(response.Headers.GetValues("X-Backend")));
        var received = Assert.Single(fixture.B.Received, r => r.PathAndQuery == "/Big");
        Assert.Equal(whole.Length, received.Body.Length);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(whole)), received.Sha256);
    }

    [Fact]
    public async Task Soap_place_order_is_transformed_to_canonical_json()
    {
        var soap = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "place-order.soap11.xml"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/px/xform") { Content = ProxySoap.Content(soap) };
        request.Headers.Add("SOAPAction", "\"urn:commercebus:legacy:orders:v1/PlaceOrder\"");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(fixture.A.Received, r => r.PathAndQuery == "/api/orders");
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.False(received.Headers.ContainsKey("SOAPAction"));
        using var json = JsonDocument.Parse(received.Body);
        var order = json.RootElement;
        Assert.Equal("A-1002", order.GetProperty("orderNumber").GetString());
        Assert.Equal("C-42", order.GetProperty("customerId").GetString());
        Assert.Equal("EU", order.GetProperty("region").GetString());
        Assert.Equal("NW1 2DB", order.GetProperty("shipTo").GetProperty("postalCode").GetString());
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        Assert.Equal("BOOK-001", line.GetProperty("sku").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(19.99m, line.GetProperty("unitPrice").GetDecimal());
    }

    [Fact]
    public async Task Soap_place_order_with_a_bad_quantity_gets_a_fault_naming_the_field()
    {
        var soap = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "place-order.soap11.xml")))
            .Replace("<o:Quantity>2</o:Quantity>", "<o:Quantity>two</o:Quantity>", StringComparison.Ordinal);

        using var response = await Http.PostAsync("/px/xform", ProxySoap.Content(soap));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Lines/OrderLine[1]/Quantity must be a whole number (was &apos;two&apos;)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invalid_routes_stop_the_hub_at_start_up_naming_each_problem()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["CommerceBus:Proxy:Routes:bad:PathPrefix"] = "legacy/",
            ["CommerceBus:Proxy:Routes:bad:RouteBy:Kind"] = "SoapBody",
            ["CommerceBus:Proxy:Routes:bad:RouteBy:Path"] = "//order[@id='1']/symbol",
            ["CommerceBus:Proxy:Routes:bad:Cases:IBM"] = "ftp://quotes",
        }));

        Assert.Contains("CommerceBus:Proxy:Routes:bad:PathPrefix 'legacy/' must start with '/'", error.Message);
        Assert.Contains("CommerceBus:Proxy:Routes:bad:RouteBy:Path '//order[@id='1']/symbol': step 'order[@id='1']' has a bad position", error.Message);
        Assert.Contains("CommerceBus:Proxy:Routes:bad:Cases:IBM 'ftp://quotes' is not an absolute http(s) address", error.Message);
    }
}
