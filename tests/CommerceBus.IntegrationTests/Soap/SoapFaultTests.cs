using System.Xml.Linq;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>
/// Every bad request gets a SOAP fault of its own version, with a reason naming the problem, and nothing is accepted:
/// malformed XML, wrong namespaces, unknown actions, broken field rules. Hostile requests: <see cref="SoapHostileRequestTests"/>.
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

        SoapAssert.Fault(response, soap12, "Client", "Sender", "not well-formed XML");
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
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

        SoapAssert.Fault(response, soap12, "Client", "Sender",
            "Order/Currency", "Order/Region", "Order/Lines/OrderLine[1]/Quantity", "Order/ShipTo/Country", "was 'two'", "EUR, USD");
        var detail = response.Payload.Descendants(XNamespace.Get("urn:commercebus:hub:faults:v1") + "FieldError").ToList();
        Assert.Equal(4, detail.Count);
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
        Assert.Single(await Hub.JournalAsync(j => j.Where(e => e.OrderNumber == order.OrderNumber && e.Outcome == "Rejected")));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Cancel_breaking_a_field_rule_is_a_Client_fault_naming_it(bool soap12)
    {
        var response = await Client(soap12).SendAsync(SoapMessages.CancelOrder("bad number!", new string('x', 300)));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "OrderNumber", "Reason", "at most 200");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Status_of_a_malformed_order_number_is_a_Client_fault_naming_it(bool soap12)
    {
        var response = await Client(soap12).SendAsync(SoapMessages.GetOrderStatus("lower-case"));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "OrderNumber", "A-Z");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Envelope_in_an_unknown_namespace_is_a_VersionMismatch_fault(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()))
            .Replace(soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11, "http://example.com/not-soap", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        SoapAssert.Fault(response, soap12, "VersionMismatch", "VersionMismatch", "http://example.com/not-soap");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Operation_in_the_wrong_namespace_is_a_Client_fault(bool soap12)
    {
        var order = Orders.Valid();
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(order)).Replace(SoapMessages.Orders, "urn:commercebus:legacy:orders:v2", StringComparison.Ordinal);

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "urn:commercebus:legacy:orders:v2", SoapMessages.Orders);
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
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

        SoapAssert.Fault(response, soap12, "Client", "Sender", "PlaceOrder/Order", "qualified");
        await SoapAssert.NothingAcceptedAsync(Hub, order.OrderNumber!);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Unknown_SOAPAction_is_a_Client_fault_naming_it(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()));

        var response = await Client(soap12).PostAsync(envelope, "urn:commercebus:legacy:orders:v1/DeleteOrder");

        SoapAssert.Fault(response, soap12, "Client", "Sender", "urn:commercebus:legacy:orders:v1/DeleteOrder", "not an action");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task SOAPAction_that_does_not_match_the_body_is_a_Client_fault(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()));

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("CancelOrder"));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "does not match", "PlaceOrder");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Unknown_operation_is_a_Client_fault(bool soap12)
    {
        var response = await Client(soap12).PostAsync(SoapMessages.Envelope(soap12, new XElement(O + "DeleteOrder", new XElement(O + "OrderNumber", "A-1"))));

        SoapAssert.Fault(response, soap12, "Client", "Sender", "DeleteOrder", "not an operation");
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

        SoapAssert.Fault(response, soap12, "MustUnderstand", "MustUnderstand", "Transaction");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Envelope_sent_with_the_other_versions_content_type_is_a_Client_fault(bool soap12)
    {
        var envelope = SoapMessages.Envelope(soap12, SoapMessages.PlaceOrder(Orders.Valid()));

        var response = await Client(soap12).PostAsync(envelope, SoapMessages.Action("PlaceOrder"), soap12 ? "text/xml; charset=utf-8" : "application/soap+xml; charset=utf-8");

        SoapAssert.Fault(response, soap12, "Client", "Sender", soap12 ? "application/soap+xml" : "text/xml");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Body_the_serializer_cannot_read_is_a_Client_fault(bool soap12)
    {
        var body = SoapMessages.PlaceOrder(Orders.Valid());
        var xsi = XNamespace.Get("http://www.w3.org/2001/XMLSchema-instance");
        body.Element(O + "Order")!.Add(new XAttribute(XNamespace.Xmlns + "xsi", xsi.NamespaceName), new XAttribute(xsi + "type", "NoSuchType"));

        var response = await Client(soap12).SendAsync(body);

        SoapAssert.Fault(response, soap12, "Client", "Sender", "could not be read");
    }

    [Theory]
    [InlineData("")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"/>")]
    [InlineData("<order>not soap</order>")]
    public async Task Requests_that_are_not_a_SOAP_call_are_Client_faults(string body)
    {
        var response = await Client(false).PostAsync(body, SoapMessages.Action("PlaceOrder"));

        SoapAssert.Fault(response, false, "Client", "Sender");
    }

    private RawSoapClient Client(bool soap12) => new(Hub.Http, soap12);
}
