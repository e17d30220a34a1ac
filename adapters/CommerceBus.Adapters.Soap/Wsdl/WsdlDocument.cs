using System.Text;
using System.Xml;
using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Xml;

namespace CommerceBus.Adapters.Soap.Wsdl;

/// <summary>
/// The shipped <c>OrderService.wsdl</c>, compiled in from <c>contracts/wire</c>, served as it is except for the
/// service address, which is rewritten to where the client reached the hub.
/// </summary>
/// <remarks>
/// Serving the contract file itself, rather than a WSDL generated from the server's types, is what keeps toolkits
/// outside .NET happy: it is the document the legacy clients were built from (one schema per namespace,
/// document/literal wrapped), with nothing changed but the address.
/// </remarks>
internal sealed class WsdlDocument
{
    public const string ResourceName = "CommerceBus.Adapters.Soap.OrderService.wsdl";

    private static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static readonly XNamespace Soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

    private readonly XDocument _template = Load();

    /// <summary>The WSDL with every <c>soap:address</c> and <c>soap12:address</c> pointing at <paramref name="address"/>.</summary>
    public byte[] Render(string address)
    {
        var document = new XDocument(_template);
        foreach (var element in document.Descendants().Where(e => e.Name == Soap11 + "address" || e.Name == Soap12 + "address"))
        {
            element.SetAttributeValue("location", address);
        }

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }

    private static XDocument Load()
    {
        using var stream = typeof(WsdlDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; the build links it from contracts/wire/legacy-soap.");
        using var reader = XmlReader.Create(stream, XmlSafety.ReaderSettings);
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }
}
