using System.Xml;

namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>The SOAP namespaces, and reader settings that make hostile XML harmless.</summary>
internal static class SoapXml
{
    public const string Soap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12Namespace = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>
    /// No DTD (so no entity expansion), nothing resolved from outside, the stream left open; synchronous, for scanning
    /// bytes already buffered: the asynchronous reader allocates about 100 KB of buffers per document and goes through
    /// async machinery per node, which at 1–10 KB requests cost more than forwarding them.
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

    /// <summary>As <see cref="ScanSettings"/>, asynchronous: for reading a body as it arrives.</summary>
    public static XmlReaderSettings ReaderSettings { get; } = Asynchronous(ScanSettings);

    public static bool IsEnvelope(XmlReader reader) =>
        reader.LocalName == "Envelope" && reader.NamespaceURI is Soap11Namespace or Soap12Namespace;

    private static XmlReaderSettings Asynchronous(XmlReaderSettings settings)
    {
        var copy = settings.Clone();
        copy.Async = true;
        return copy;
    }
}
