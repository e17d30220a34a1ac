using System.Text;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Screening;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class EnvelopeScreenTests
{
    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private const string Status = "<o:GetOrderStatus xmlns:o=\"urn:commercebus:legacy:orders:v1\"><o:OrderNumber>A-1</o:OrderNumber></o:GetOrderStatus>";

    [Theory]
    [InlineData(Soap11, "text/xml; charset=utf-8", SoapVersion.Soap11)]
    [InlineData(Soap12, "application/soap+xml; charset=utf-8", SoapVersion.Soap12)]
    public void Good_request_passes_with_its_version_and_operation(string ns, string contentType, SoapVersion version)
    {
        var verdict = Inspect(Envelope(ns, Status), contentType);

        Assert.Null(verdict.Fault);
        Assert.Equal(version, verdict.Version);
        Assert.Equal("GetOrderStatus", verdict.Operation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("\"urn:commercebus:legacy:orders:v1/GetOrderStatus\"")]
    [InlineData("urn:commercebus:legacy:orders:v1/GetOrderStatus")]
    public void SOAPAction_may_be_absent_empty_or_the_operations_own(string? action) =>
        Assert.Null(Inspect(Envelope(Soap11, Status), "text/xml", action).Fault);

    [Theory]
    [InlineData(65)]
    [InlineData(30_000)]
    public void Deeply_nested_body_is_refused_while_streaming_before_a_tree_is_built(int depth)
    {
        // Found by the bad-input suite: building the tree of a 30000-deep body took seconds (quadratic in the depth),
        // so a few such requests held the hub's threads; the depth check refuses it before any tree is built.
        var nested = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));

        var verdict = Inspect(Envelope(Soap11, Status.Replace("A-1", nested, StringComparison.Ordinal)), "text/xml");

        Assert.Contains("more than 64 levels deep", verdict.Fault!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Soap12_action_is_read_from_the_content_type()
    {
        var verdict = Inspect(Envelope(Soap12, Status), "application/soap+xml; charset=utf-8; action=\"urn:commercebus:legacy:orders:v1/PlaceOrder\"");

        Assert.Contains("does not match", verdict.Fault!.Reason, StringComparison.Ordinal);
        Assert.Equal(SoapVersion.Soap12, verdict.Version);
    }

    [Theory]
    [InlineData("<soap:Envelope xmlns:soap=\"" + Soap11 + "\"><soap:Body>", "not well-formed")]
    [InlineData("<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><d>&e;</d>", "DTD")]
    [InlineData("<order/>", "not a SOAP envelope")]
    [InlineData("<soap:Envelope xmlns:soap=\"" + Soap11 + "\"/>", "no Body")]
    [InlineData("<soap:Envelope xmlns:soap=\"" + Soap11 + "\"><soap:Body/></soap:Envelope>", "holds 0 elements")]
    [InlineData("", "no body")]
    public void Unusable_request_is_a_Sender_fault(string body, string reason)
    {
        var verdict = Inspect(body, "text/xml");

        Assert.Equal(SoapFaultCode.Sender, verdict.Fault!.Code);
        Assert.Contains(reason, verdict.Fault.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DTD_in_UTF16_is_recognised_as_a_DTD()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<!DOCTYPE d [<!ENTITY e \"x\">]><d>&e;</d>")).ToArray();

        var verdict = EnvelopeScreen.Inspect(bytes, "text/xml", null);

        Assert.Contains("DTD", verdict.Fault!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_envelope_namespace_is_a_VersionMismatch_fault() =>
        Assert.Equal(SoapFaultCode.VersionMismatch, Inspect(Envelope("urn:nope", Status), "text/xml").Fault!.Code);

    [Theory]
    [InlineData(Soap11, "application/soap+xml", SoapVersion.Soap11)]
    [InlineData(Soap12, "text/xml", SoapVersion.Soap12)]
    [InlineData(Soap11, "application/json", SoapVersion.Soap11)]
    public void Content_type_must_announce_the_envelopes_version(string ns, string contentType, SoapVersion faultVersion)
    {
        var verdict = Inspect(Envelope(ns, Status), contentType);

        Assert.Equal(faultVersion, verdict.Version);
        Assert.Contains("must be sent with Content-Type", verdict.Fault!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<o:Ping xmlns:o=\"urn:commercebus:legacy:orders:v1\"/>", "not an operation")]
    [InlineData("<o:GetOrderStatus xmlns:o=\"urn:other\"><o:OrderNumber>A</o:OrderNumber></o:GetOrderStatus>", "namespace 'urn:commercebus:legacy:orders:v1'")]
    [InlineData("<o:GetOrderStatus xmlns:o=\"urn:commercebus:legacy:orders:v1\"><OrderNumber>A</OrderNumber></o:GetOrderStatus>", "GetOrderStatus/OrderNumber")]
    public void Body_must_hold_an_OrderService_operation_qualified_all_the_way_down(string body, string reason) =>
        Assert.Contains(reason, Inspect(Envelope(Soap11, body), "text/xml").Fault!.Reason, StringComparison.Ordinal);

    [Fact]
    public void Unknown_action_is_refused_naming_it() =>
        Assert.Contains("'urn:x/Delete' is not an action", Inspect(Envelope(Soap11, Status), "text/xml", "urn:x/Delete").Fault!.Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("1", null, true)]
    [InlineData("true", null, true)]
    [InlineData("0", null, false)]
    [InlineData("1", "http://example.com/some-other-node", false)]
    [InlineData("1", "http://schemas.xmlsoap.org/soap/actor/next", true)]
    public void Header_marked_mustUnderstand_for_the_hub_is_a_MustUnderstand_fault(string must, string? actor, bool refused)
    {
        var actorAttribute = actor is null ? "" : $" soap:actor=\"{actor}\"";
        var header = $"<soap:Header><t:Tx xmlns:t=\"urn:t\" soap:mustUnderstand=\"{must}\"{actorAttribute}/></soap:Header>";

        var verdict = Inspect(Envelope(Soap11, Status, header), "text/xml");

        Assert.Equal(refused, verdict.Fault?.Code == SoapFaultCode.MustUnderstand);
    }

    private static ScreenVerdict Inspect(string body, string contentType, string? action = null) =>
        EnvelopeScreen.Inspect(Encoding.UTF8.GetBytes(body), contentType, action);

    private static string Envelope(string ns, string body, string header = "") =>
        $"<soap:Envelope xmlns:soap=\"{ns}\">{header}<soap:Body>{body}</soap:Body></soap:Envelope>";
}
