using System.Xml;
using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Screening;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>Reads the legacy ERP's response envelope (SOAP 1.1 or 1.2): the operation's result, or a fault.</summary>
internal static class ErpReplyReader
{
    private static readonly XNamespace Erp = LegacyErpContract.Namespace;

    /// <summary>Throws <see cref="FormatException"/> when the body is not a SOAP envelope with a result or a fault.</summary>
    public static ErpReply Read(ReadOnlyMemory<byte> body, string operation)
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
        if (content.Name == env + "Fault")
        {
            return Fault(content, version.Value, env);
        }

        var result = content.Element(Erp + operation + "Result");
        if (content.Name != Erp + (operation + "Response") || result is null)
        {
            throw new FormatException($"expected {operation}Response/{operation}Result in {LegacyErpContract.Namespace}, got {content.Name}");
        }

        return operation == LegacyErpContract.BookOrder
            ? new ErpBooked(Required(result, "BookingId"), Required(result, "Erp"))
            : new ErpCancelled(Required(result, "BookingId"), XmlConvert.ToBoolean(Required(result, "Cancelled")));
    }

    private static ErpFault Fault(XElement fault, SoapVersion version, XNamespace env)
    {
        var (code, reason, detail) = version == SoapVersion.Soap12
            ? ((string?)fault.Element(env + "Code")?.Element(env + "Value"), (string?)fault.Element(env + "Reason")?.Elements(env + "Text").FirstOrDefault(), fault.Element(env + "Detail"))
            : ((string?)fault.Element("faultcode"), (string?)fault.Element("faultstring"), fault.Element("detail"));
        var refusal = (string?)detail?.Element(Erp + "BookingRefused")?.Element(Erp + "Reason");
        return new ErpFault(CodeOf(code), reason?.Trim() ?? "(no reason given)", refusal);
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

    private static string Required(XElement parent, string name) =>
        (string?)parent.Element(Erp + name) ?? throw new FormatException($"{parent.Name.LocalName} has no {name}");
}
