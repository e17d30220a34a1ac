using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>
/// Every bad request gets a SOAP fault of its own version, with a reason naming the problem, and nothing is accepted:
/// malformed XML, wrong namespaces, unknown actions, broken field rules, oversized bodies, DTDs and entity attacks.
/// </summary>
public sealed class SoapFaultTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private static readonly XNamespace O = SoapMessages.Orders;

    private TestHub Hub => fixture.Hub;

    public static TheoryData<bool> Versions => new() { false, true };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Malformed_XML_is_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var truncated = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order))[..200];

        var response = await Client(soap12).PostAsync(truncated, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "Client", "Sender", "not well-formed XML");
        await AssertNothingAcceptedAsync(order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Field_rule_violations_are_one_Client_fault_naming_every_bad_field(bool soap12)
    {
        var order = Orders.Valid() with { Currency = "XXX", Region = "MARS" };
        var body = SoapMessages.PlaceOrder(order);
        body.Descendants(O + "Quantity").First().Value = "two";
        body.Descendants(O + "Country").Single().Value = "England";

        var response = await Client(soap12).SendAsync(body);

        AssertFault(response, soap12, "Client", "Sender",
            "Order/Currency", "Order/Region", "Order/Lines/OrderLine[1]/Quantity", "Order/ShipTo/Country", "was 'two'", "EUR, USD");
        var detail = response.Payload.Descendants(XNamespace.Get("urn:commercebus:hub:faults:v1") + "FieldError").ToList();
        Assert.Equal(4, detail.Count);
        await AssertNothingAcceptedAsync(order.OrderNumber!);
        Assert.Single(await Hub.JournalAsync(j => j.Where(e => e.OrderNumber == order.OrderNumber && e.Outcome == "Rejected")));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Cancel_breaking_a_field_rule_is_a_Client_fault_naming_it(bool soap12)
    {
        var response = await Client(soap12).SendAsync(SoapMessages.CancelOrder("bad number!", new string('x', 300)));

        AssertFault(response, soap12, "Client", "Sender", "OrderNumber", "Reason", "at most 200");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Status_of_a_malformed_order_number_is_a_Client_fault_naming_it(bool soap12)
    {
        var response = await Client(soap12).SendAsync(SoapMessages.GetOrderStatus("lower-case"));

        AssertFault(response, soap12, "Client", "Sender", "OrderNumber", "A-Z");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Envelope_in_an_unknown_namespace_is_a_VersionMismatch_fault(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()))
            .Replace(soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11, "http://example.com/not-soap", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "VersionMismatch", "VersionMismatch", "http://example.com/not-soap");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Operation_in_the_wrong_namespace_is_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order)).Replace(SoapMessages.Orders, "urn:commercebus:legacy:orders:v2", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "Client", "Sender", "urn:commercebus:legacy:orders:v2", SoapMessages.Orders);
        await AssertNothingAcceptedAsync(order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Unqualified_fields_are_a_Client_fault_naming_the_element(bool soap12)
    {
        var order = Orders.Valid();
        var body = SoapMessages.PlaceOrder(order);
        foreach (var element in body.Descendants().ToList())
        {
            element.Name = element.Name.LocalName;
        }

        var response = await Client(soap12).SendAsync(body);

        AssertFault(response, soap12, "Client", "Sender", "PlaceOrder/Order", "qualified");
        await AssertNothingAcceptedAsync(order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Unknown_SOAPAction_is_a_Client_fault_naming_it(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()));

        var response = await Client(soap12).PostAsync(envelope, "urn:commercebus:legacy:orders:v1/DeleteOrder");

        AssertFault(response, soap12, "Client", "Sender", "urn:commercebus:legacy:orders:v1/DeleteOrder", "not an action");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task SOAPAction_that_does_not_match_the_body_is_a_Client_fault(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()));

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("CancelOrder"));

        AssertFault(response, soap12, "Client", "Sender", "does not match", "PlaceOrder");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Unknown_operation_is_a_Client_fault(bool soap12)
    {
        var response = await Client(soap12).PostAsync(SoapMessages.Envelope(soap12, new XElement(O + "DeleteOrder", new XElement(O + "OrderNumber", "A-1"))));

        AssertFault(response, soap12, "Client", "Sender", "DeleteOrder", "not an operation");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Body_over_the_size_limit_is_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var padding = new string(' ', 300 * 1024);
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order)).Replace("<soap:Body>", "<soap:Body>" + padding, StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "Client", "Sender", "larger than the limit of 262144 bytes");
        await AssertNothingAcceptedAsync(order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Chunked_body_over_the_size_limit_is_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order)).Replace("<soap:Body>", "<soap:Body>" + new string(' ', 300 * 1024), StringComparison.Ordinal);
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(envelope)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8");

        var response = await Client(soap12).PostAsync(content, soap12 ? null : SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "Client", "Sender", "larger than the limit");
        await AssertNothingAcceptedAsync(order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task External_entity_is_refused_with_a_Client_fault_and_nothing_is_read(bool soap12)
    {
        var order = Orders.Valid();
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order))
            .Replace("?>", "?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", StringComparison.Ordinal)
            .Replace("C-42", "&xxe;", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "Client", "Sender", "DTD");
        Assert.DoesNotContain("root:", response.Text, StringComparison.Ordinal);
        await AssertNothingAcceptedAsync(order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Entity_expansion_bomb_is_refused_with_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">"));
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order))
            .Replace("?>", $"?><!DOCTYPE lolz [<!ENTITY l0 \"lol\">{entities}]>", StringComparison.Ordinal)
            .Replace("Ada Lovelace", "&l9;", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "Client", "Sender", "DTD");
        await AssertNothingAcceptedAsync(order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Header_that_must_be_understood_is_a_MustUnderstand_fault(bool soap12)
    {
        var env = soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11;
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()))
            .Replace("<soap:Body>", $"<soap:Header><t:Transaction xmlns:t=\"urn:example:tx\" soap:mustUnderstand=\"{(soap12 ? "true" : "1")}\">5</t:Transaction></soap:Header><soap:Body>", StringComparison.Ordinal);
        Assert.Contains(env, envelope, StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, soap12, "MustUnderstand", "MustUnderstand", "Transaction");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Envelope_sent_with_the_other_versions_content_type_is_a_Client_fault(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()));

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"), soap12 ? "text/xml; charset=utf-8" : "application/soap+xml; charset=utf-8");

        AssertFault(response, soap12, "Client", "Sender", soap12 ? "application/soap+xml" : "text/xml");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Body_the_serializer_cannot_read_is_a_Client_fault(bool soap12)
    {
        var body = SoapMessages.PlaceOrder(Orders.Valid());
        var xsi = XNamespace.Get("http://www.w3.org/2001/XMLSchema-instance");
        body.Element(O + "Order")!.Add(new XAttribute(XNamespace.Xmlns + "xsi", xsi.NamespaceName), new XAttribute(xsi + "type", "NoSuchType"));

        var response = await Client(soap12).SendAsync(body);

        AssertFault(response, soap12, "Client", "Sender", "could not be read");
    }

    [Theory]
    [InlineData("")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"/>")]
    [InlineData("<order>not soap</order>")]
    public async Task Requests_that_are_not_a_SOAP_call_are_Client_faults(string body)
    {
        var response = await Client(false).PostAsync(body, SoapMessages.Action("PlaceOrder"));

        AssertFault(response, false, "Client", "Sender");
    }

    [Fact]
    public async Task Hub_stays_up_after_every_bad_request_and_takes_the_next_order()
    {
        var bad = new[]
        {
            "<<<", "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", new string('<', 1000), "\u0000\u0001",
            SoapMessages.Envelope(false, "<o:PlaceOrder xmlns:o=\"urn:commercebus:legacy:orders:v1\"><o:Order><o:Lines><o:OrderLine><o:Quantity>9999999999999</o:Quantity></o:OrderLine></o:Lines></o:Order></o:PlaceOrder>"),
        };
        foreach (var text in bad)
        {
            var response = await Client(false).PostAsync(text, SoapMessages.Action("PlaceOrder"));
            Assert.True(response.IsFault, text);
        }

        using var health = await Hub.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var order = Orders.Valid();
        var placed = await Client(false).SendAsync(SoapMessages.PlaceOrder(order));
        Assert.Equal("true", placed.Result("Accepted"));
        Assert.Equal("Completed", (await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
    }

    private RawSoapClient Client(bool soap12) => new(Hub.Http, soap12);

    private static void AssertFault(SoapResponse response, bool soap12, string code11, string code12, params string[] reasonParts)
    {
        Assert.True(response.IsFault, response.Text);
        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.StartsWith(soap12 ? "application/soap+xml" : "text/xml", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(soap12, response.Soap12);
        Assert.Equal(soap12 ? code12 : code11, response.FaultCodeName);
        Assert.Equal(soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11, response.FaultCodeNamespace);
        foreach (var part in reasonParts)
        {
            Assert.Contains(part, response.FaultReason, StringComparison.Ordinal);
        }
    }

    private async Task AssertNothingAcceptedAsync(string orderNumber)
    {
        Assert.Null(await Hub.Gateway.GetOrderStatusAsync(orderNumber, CancellationToken.None));
        Assert.Empty(await Hub.JournalAsync(j => j.Where(e => e.OrderNumber == orderNumber && e.Outcome == "Accepted")));
    }

    /// <summary>A body of unknown length, so HttpClient sends it chunked and only reading it tells its size.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
