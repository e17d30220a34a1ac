using System.Xml;

namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>The SOAP namespaces, and reader settings that make hostile XML harmless.</summary>
internal static class SoapXml
{
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>No DTD (so no entity expansion), nothing resolved from outside, asynchronous, the stream left open.</summary>
    public static XmlReaderSettings ReaderSettings { get; } = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>
    /// As <see cref="ReaderSettings"/> but synchronous, for scanning bytes already buffered: the asynchronous reader
    /// allocates about 100 KB of buffers per document and goes through async machinery per node, which at 1–10 KB
    /// requests cost more than forwarding them.
    /// </summary>
    public static XmlReaderSettings ScanSettings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    public static bool IsEnvelope(XmlReader reader) =>
        reader.LocalName == "Envelope" && reader.NamespaceURI is Soap11Namespace or Soap12Namespace;
}
