using System.Text;
using System.Xml;
using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Xml;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>The envelope of the hub's SOAP requests, and the reading of a service's response envelope (1.1 or 1.2): its content or its fault.</summary>
internal static class SoapClientEnvelope
{
    public static byte[] Write(SoapVersion version, XElement body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(version.Prefix(), "Envelope", version.EnvelopeNamespace());
            writer.WriteStartElement(version.Prefix(), "Body", version.EnvelopeNamespace());
            body.WriteTo(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>Throws <see cref="FormatException"/> when the body is not a SOAP envelope with content or a fault.</summary>
    public static SoapAnswer Read(int status, ReadOnlyMemory<byte> body)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, XmlSafety.ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"the answer is not well-formed XML ({ex.Message})", ex);
        }

        var version = SoapVersions.FromNamespace(document.Root!.Name.NamespaceName);
        if (version is null || document.Root.Name.LocalName != "Envelope")
        {
            throw new FormatException($"the answer is not a SOAP envelope (root element {document.Root.Name})");
        }

        var env = XNamespace.Get(version.Value.EnvelopeNamespace());
        var content = document.Root.Element(env + "Body")?.Elements().FirstOrDefault()
            ?? throw new FormatException("the SOAP envelope has an empty or no Body");
        return content.Name == env + "Fault"
            ? new SoapAnswer(status, null, Fault(content, version.Value, env))
            : new SoapAnswer(status, content, null);
    }

    private static SoapAnswerFault Fault(XElement fault, SoapVersion version, XNamespace env)
    {
        var (code, reason, detail) = version == SoapVersion.Soap12
            ? ((string?)fault.Element(env + "Code")?.Element(env + "Value"), (string?)fault.Element(env + "Reason")?.Elements(env + "Text").FirstOrDefault(), fault.Element(env + "Detail"))
            : ((string?)fault.Element("faultcode"), (string?)fault.Element("faultstring"), fault.Element("detail"));
        return new SoapAnswerFault(CodeOf(code), reason?.Trim() ?? "(no reason given)", detail);
    }

    /// <summary>The fault code's local name, ignoring its prefix and any 1.1 dotted refinement (<c>Client.Refused</c>).</summary>
    private static SoapFaultCode CodeOf(string? qname)
    {
        var local = qname?.Trim() ?? "";
        local = local[(local.IndexOf(':', StringComparison.Ordinal) + 1)..];
        local = local.Split('.')[0];
        return local switch
        {
            "Client" or "Sender" => SoapFaultCode.Sender,
            "VersionMismatch" => SoapFaultCode.VersionMismatch,
            "MustUnderstand" => SoapFaultCode.MustUnderstand,
            _ => SoapFaultCode.Receiver,
        };
    }
}
