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
            writer.WriteElementString("faultstring", XmlSafe(fault.Reason));
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
            writer.WriteString(XmlSafe(fault.Reason));
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
            writer.WriteElementString("Element", DetailNamespace, XmlSafe(error.Element));
            writer.WriteElementString("Field", DetailNamespace, XmlSafe(error.Field));
            writer.WriteElementString("Rule", DetailNamespace, XmlSafe(error.Rule));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>
    /// The text with every character XML cannot carry (a control character or lone surrogate quoted from the request)
    /// written as <c>\uXXXX</c>: the XmlWriter throws on them, which turned a refusal into an HTTP 500 without a fault.
    /// </summary>
    internal static string XmlSafe(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return text ?? "";
        }

        var safe = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else
            {
                safe.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            }
        }

        return safe.ToString();
    }
}
