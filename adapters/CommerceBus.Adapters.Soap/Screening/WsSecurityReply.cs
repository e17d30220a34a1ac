using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Xml;

namespace CommerceBus.Adapters.Soap.Screening;

/// <summary>
/// The security header of a reply to a client that authenticated with WS-Security: a <c>wsu:Timestamp</c> in a
/// <c>wsse:Security</c> header, as WCF services send it. A WCF client with <c>TransportWithMessageCredential</c> adds a
/// timestamp to its request and refuses a reply without one ("unable to find a security header").
/// </summary>
internal static class WsSecurityReply
{
    private const string Utility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    /// <summary>How long the reply's timestamp says it is fresh.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The reply with the header added; the reply as it was when it is not a SOAP envelope.</summary>
    public static byte[] AddTo(byte[] reply, DateTimeOffset now)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(reply, writable: false);
            using var reader = XmlReader.Create(stream, XmlSafety.ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return reply;
        }

        var envelope = document.Root!;
        if (SoapVersions.FromNamespace(envelope.Name.NamespaceName) is null || envelope.Name.LocalName != "Envelope")
        {
            return reply;
        }

        XNamespace env = envelope.Name.Namespace;
        XNamespace wsu = Utility;
        var header = envelope.Element(env + "Header");
        if (header is null)
        {
            header = new XElement(env + "Header");
            envelope.AddFirst(header);
        }

        // Not marked mustUnderstand: a WCF client with message credentials processes it anyway, and a client without
        // them (one that built its own header) is not made to refuse a reply it can read.
        header.Add(new XElement(WsSecurityHeader.Name,
            new XAttribute(XNamespace.Xmlns + "o", WsSecurityHeader.Name.NamespaceName),
            new XElement(wsu + "Timestamp",
                new XAttribute(XNamespace.Xmlns + "u", Utility),
                new XAttribute(wsu + "Id", "_0"),
                new XElement(wsu + "Created", Time(now)),
                new XElement(wsu + "Expires", Time(now + Lifetime)))));
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = false, Encoding = new System.Text.UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
