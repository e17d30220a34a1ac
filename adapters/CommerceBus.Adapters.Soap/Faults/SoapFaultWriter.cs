using System.Xml;

namespace CommerceBus.Adapters.Soap.Faults;

/// <summary>Writes a <see cref="SoapFault"/> as the <c>Fault</c> element of SOAP 1.1 or 1.2, or as a whole envelope.</summary>
/// <remarks>
/// The fault element uses its own envelope prefix (the writer declares it where it is not in scope), so the fault
/// code's QName resolves wherever the fault is written: inside SoapCore's envelope, whose prefix is <c>s</c>, or the
/// screen's own.
/// </remarks>
internal static class SoapFaultWriter
{
    public const string DetailNamespace = "urn:commercebus:hub:faults:v1";

    public static byte[] Envelope(SoapVersion version, SoapFault fault)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(version.Prefix(), "Envelope", version.EnvelopeNamespace());
            writer.WriteStartElement(version.Prefix(), "Body", version.EnvelopeNamespace());
            Fault(writer, version, fault);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    public static void Fault(XmlWriter writer, SoapVersion version, SoapFault fault)
    {
        var ns = version.EnvelopeNamespace();
        var prefix = version.Prefix();
        writer.WriteStartElement(prefix, "Fault", ns);
        if (version == SoapVersion.Soap11)
        {
            // SOAP 1.1 fault children are unqualified.
            writer.WriteElementString("faultcode", $"{prefix}:{Soap11Code(fault.Code)}");
            writer.WriteElementString("faultstring", fault.Reason);
            if (fault.FieldErrors is { Count: > 0 } errors)
            {
                writer.WriteStartElement("detail");
                Detail(writer, errors);
                writer.WriteEndElement();
            }
        }
        else
        {
            writer.WriteStartElement(prefix, "Code", ns);
            writer.WriteElementString(prefix, "Value", ns, $"{prefix}:{fault.Code}");
            writer.WriteEndElement();
            writer.WriteStartElement(prefix, "Reason", ns);
            writer.WriteStartElement(prefix, "Text", ns);
            writer.WriteAttributeString("xml", "lang", null, "en");
            writer.WriteString(fault.Reason);
            writer.WriteEndElement();
            writer.WriteEndElement();
            if (fault.FieldErrors is { Count: > 0 } errors)
            {
                writer.WriteStartElement(prefix, "Detail", ns);
                Detail(writer, errors);
                writer.WriteEndElement();
            }
        }

        writer.WriteEndElement();
    }

    private static string Soap11Code(SoapFaultCode code) => code switch
    {
        SoapFaultCode.Sender => "Client",
        SoapFaultCode.Receiver => "Server",
        _ => code.ToString(),
    };

    private static void Detail(XmlWriter writer, IReadOnlyList<SoapFieldError> errors)
    {
        writer.WriteStartElement("FieldErrors", DetailNamespace);
        foreach (var error in errors)
        {
            writer.WriteStartElement("FieldError", DetailNamespace);
            writer.WriteElementString("Element", DetailNamespace, error.Element);
            writer.WriteElementString("Field", DetailNamespace, error.Field);
            writer.WriteElementString("Rule", DetailNamespace, error.Rule);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
