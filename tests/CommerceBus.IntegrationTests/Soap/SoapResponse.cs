using System.Net;
using System.Xml;
using System.Xml.Linq;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>An HTTP answer of the OrderService, read as SOAP: the body's payload, or the fault's code and reason.</summary>
public sealed class SoapResponse
{
    private static readonly XNamespace O = SoapMessages.Orders;

    public SoapResponse(HttpStatusCode status, string? contentType, string text)
    {
        Status = status;
        ContentType = contentType;
        Text = text;
        Document = XDocument.Parse(text);
        Soap12 = Document.Root!.Name.NamespaceName == SoapMessages.Soap12;
        var env = XNamespace.Get(Soap12 ? SoapMessages.Soap12 : SoapMessages.Soap11);
        Payload = Document.Root.Element(env + "Body")!.Elements().Single();
        if (Payload.Name == env + "Fault")
        {
            FaultCode = Soap12 ? (string?)Payload.Element(env + "Code")?.Element(env + "Value") : (string?)Payload.Element("faultcode");
            FaultReason = Soap12 ? (string?)Payload.Element(env + "Reason")?.Element(env + "Text") : (string?)Payload.Element("faultstring");
        }
    }

    public HttpStatusCode Status { get; }

    public string? ContentType { get; }

    public string Text { get; }

    public XDocument Document { get; }

    public bool Soap12 { get; }

    /// <summary>The Body's one child: the operation's response element, or the Fault.</summary>
    public XElement Payload { get; }

    public bool IsFault => FaultCode is not null;

    /// <summary>The fault code as sent, e.g. <c>soap:Client</c> or <c>env:Sender</c>.</summary>
    public string? FaultCode { get; }

    public string? FaultReason { get; }

    /// <summary>The fault code's local name (<c>Client</c>, <c>Sender</c>, ...), resolved against the Fault's namespaces.</summary>
    public string? FaultCodeName => FaultCode is null ? null : XmlConvert.VerifyNCName(FaultCode[(FaultCode.IndexOf(':', StringComparison.Ordinal) + 1)..]);

    /// <summary>The fault code's namespace, which must be the envelope's.</summary>
    public string? FaultCodeNamespace => FaultCode is null || !FaultCode.Contains(':', StringComparison.Ordinal)
        ? null
        : Payload.GetNamespaceOfPrefix(FaultCode[..FaultCode.IndexOf(':', StringComparison.Ordinal)])?.NamespaceName;

    /// <summary>A child of the operation's result (<c>PlaceOrderResult/TrackingId</c>, say).</summary>
    public string? Result(string name) => (string?)Payload.Elements().Single().Element(O + name);
}
