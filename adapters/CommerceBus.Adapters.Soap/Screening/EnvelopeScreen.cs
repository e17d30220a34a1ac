using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Wire;
using CommerceBus.Adapters.Soap.Xml;

namespace CommerceBus.Adapters.Soap.Screening;

/// <summary>
/// Checks a request body before SoapCore sees it: safe, well-formed XML; a SOAP 1.1 or 1.2 envelope matching its
/// Content-Type; no header the hub must understand but does not; one OrderService operation in the Body, in the
/// contract's namespace all the way down; and a SOAPAction, if given, that names that operation.
/// </summary>
/// <remarks>Pure: bytes and headers in, a verdict out, so every refusal is unit-testable.</remarks>
internal static class EnvelopeScreen
{
    private static readonly string Operations = string.Join(", ", LegacyOrderContract.Actions.Keys);

    /// <summary>
    /// The verdict on one request; <paramref name="understood"/> names the header blocks the hub processed before this
    /// screen (the WS-Security header a client authenticated with), which count as understood when marked mustUnderstand.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="contentType">The request's Content-Type.</param>
    /// <param name="soapAction">The SOAPAction header, if any.</param>
    /// <param name="understood">The header blocks already processed.</param>
    public static ScreenVerdict Inspect(ReadOnlyMemory<byte> body, string? contentType, string? soapAction, IReadOnlySet<XName>? understood = null)
    {
        var announced = SoapVersions.FromContentType(contentType);
        var guess = announced ?? SoapVersion.Soap11;
        if (body.IsEmpty)
        {
            return ScreenVerdict.Refuse(guess, "The request has no body: POST a SOAP envelope holding one of " + Operations + ". Nothing was accepted.");
        }

        if (XmlSafety.TooDeep(body))
        {
            return ScreenVerdict.Refuse(guess, $"The request nests elements more than {XmlSafety.MaxDepth} levels deep; no OrderService message is deeper than 7. Nothing was accepted.");
        }

        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, XmlSafety.ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return ScreenVerdict.Refuse(guess, XmlSafety.HasDoctype(body.Span)
                ? "The request contains a DTD (<!DOCTYPE ...>). SOAP messages must not have one, so entity declarations and external entities are refused. Nothing was accepted."
                : $"The request is not well-formed XML: {ex.Message} Nothing was accepted.");
        }

        var envelope = document.Root!;
        var version = SoapVersions.FromNamespace(envelope.Name.NamespaceName);
        if (envelope.Name.LocalName != "Envelope")
        {
            return ScreenVerdict.Refuse(guess, $"The request is not a SOAP envelope: its root element is {Describe(envelope.Name)}, not Envelope. Nothing was accepted.");
        }

        if (version is null)
        {
            return ScreenVerdict.Refuse(guess, new SoapFault(SoapFaultCode.VersionMismatch,
                $"The envelope's namespace '{envelope.Name.NamespaceName}' is neither SOAP 1.1 ({SoapVersions.Soap11Namespace}) nor SOAP 1.2 ({SoapVersions.Soap12Namespace}). Nothing was accepted."));
        }

        if (announced != version)
        {
            return ScreenVerdict.Refuse(version.Value,
                $"A {version.Value.Describe()} envelope must be sent with Content-Type {version.Value.ContentType()}, not '{contentType}'. Nothing was accepted.");
        }

        return InspectEnvelope(envelope, version.Value, StatedAction(version.Value, contentType, soapAction), understood);
    }

    private static ScreenVerdict InspectEnvelope(XElement envelope, SoapVersion version, string? action, IReadOnlySet<XName>? understood)
    {
        var env = XNamespace.Get(version.EnvelopeNamespace());
        var children = envelope.Elements().ToList();
        var header = children.FirstOrDefault() is { } first && first.Name == env + "Header" ? first : null;
        var rest = header is null ? children : children.Skip(1).ToList();
        if (rest.Count == 0 || rest[0].Name != env + "Body")
        {
            return ScreenVerdict.Refuse(version, $"The envelope has no Body: it must hold an optional {version.Prefix()}:Header, then a {version.Prefix()}:Body. Nothing was accepted.");
        }

        if (rest.Count > 1 && version == SoapVersion.Soap12)
        {
            return ScreenVerdict.Refuse(version, $"The envelope has {Describe(rest[1].Name)} after its Body; SOAP 1.2 allows nothing there. Nothing was accepted.");
        }

        if (header is not null && NotUnderstood(header, version, understood) is { } block)
        {
            return ScreenVerdict.Refuse(version, new SoapFault(SoapFaultCode.MustUnderstand,
                $"The header {Describe(block.Name)} is marked mustUnderstand, but the OrderService understands no SOAP header other than "
                + "the WS-Security UsernameToken it authenticates a client with. Nothing was accepted."));
        }

        return InspectBody(rest[0], version, action);
    }

    private static ScreenVerdict InspectBody(XElement body, SoapVersion version, string? action)
    {
        var parts = body.Elements().ToList();
        if (parts.Count != 1)
        {
            return ScreenVerdict.Refuse(version, $"The Body holds {parts.Count} elements; it must hold exactly one of {Operations} in namespace {LegacyOrderContract.Namespace}. Nothing was accepted.");
        }

        var operation = parts[0];
        var name = operation.Name.LocalName;
        if (action is not null && !LegacyOrderContract.Actions.Values.Contains(action, StringComparer.Ordinal))
        {
            return ScreenVerdict.Refuse(version, $"The SOAPAction '{action}' is not an action of the OrderService (known: {string.Join(", ", LegacyOrderContract.Actions.Values)}). Nothing was accepted.");
        }

        if (!LegacyOrderContract.Actions.ContainsKey(name))
        {
            return ScreenVerdict.Refuse(version, $"The Body holds {Describe(operation.Name)}, which is not an operation of the OrderService ({Operations}). Nothing was accepted.");
        }

        if (operation.Name.NamespaceName != LegacyOrderContract.Namespace)
        {
            return ScreenVerdict.Refuse(version, $"The Body holds {Describe(operation.Name)}, but the OrderService's elements are in namespace '{LegacyOrderContract.Namespace}'. Nothing was accepted.");
        }

        if (action is not null && action != LegacyOrderContract.Actions[name])
        {
            return ScreenVerdict.Refuse(version, $"The SOAPAction '{action}' does not match the Body, which holds {name} (action '{LegacyOrderContract.Actions[name]}'). Nothing was accepted.");
        }

        // The schema is elementFormDefault="qualified": an unqualified or foreign child would be silently skipped by
        // the serializer and reported as "missing", which would mislead the client.
        if (operation.Descendants().FirstOrDefault(e => e.Name.NamespaceName != LegacyOrderContract.Namespace) is { } foreign)
        {
            return ScreenVerdict.Refuse(version, $"The element {PathOf(foreign, operation)} is in namespace '{foreign.Name.NamespaceName}', but every element of the OrderService is qualified with '{LegacyOrderContract.Namespace}'. Nothing was accepted.");
        }

        return ScreenVerdict.Pass(version, name);
    }

    /// <summary>The first header block addressed to the hub, marked mustUnderstand and not among the <paramref name="understood"/>.</summary>
    private static XElement? NotUnderstood(XElement header, SoapVersion version, IReadOnlySet<XName>? understood)
    {
        var env = XNamespace.Get(version.EnvelopeNamespace());
        return header.Elements().FirstOrDefault(block =>
        {
            var must = (string?)block.Attribute(env + "mustUnderstand");
            var target = (string?)block.Attribute(env + (version == SoapVersion.Soap12 ? "role" : "actor"));
            var forUs = target is null
                || target == "http://schemas.xmlsoap.org/soap/actor/next"
                || target == "http://www.w3.org/2003/05/soap-envelope/role/next"
                || target == "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";
            return forUs && (must is "1" or "true") && understood?.Contains(block.Name) != true;
        });
    }

    /// <summary>The action the client stated: the SOAPAction header (1.1) or the Content-Type's action parameter (1.2).</summary>
    private static string? StatedAction(SoapVersion version, string? contentType, string? soapAction)
    {
        var stated = soapAction;
        if (string.IsNullOrWhiteSpace(stated) && version == SoapVersion.Soap12 && MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            stated = media.Parameters.FirstOrDefault(p => string.Equals(p.Name, "action", StringComparison.OrdinalIgnoreCase))?.Value;
        }

        // An empty SOAPAction ("") means "dispatch on the body", which the WS-I Basic Profile allows.
        var value = stated?.Trim().Trim('"').Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string PathOf(XElement element, XElement operation) =>
        string.Join("/", element.AncestorsAndSelf().TakeWhile(e => e != operation.Parent).Reverse().Select(e => e.Name.LocalName));

    private static string Describe(XName name) => name.NamespaceName.Length == 0 ? $"'{name.LocalName}' (no namespace)" : $"'{name.LocalName}' in namespace '{name.NamespaceName}'";
}
