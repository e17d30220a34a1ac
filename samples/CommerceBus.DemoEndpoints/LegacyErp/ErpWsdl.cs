using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>The ERP's contract file, compiled in from <c>contracts/demo/legacy-erp</c>, with its address set to the instance's.</summary>
internal static class ErpWsdl
{
    private const string ResourceName = "CommerceBus.DemoEndpoints.LegacyErp.wsdl";
    private static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static readonly XNamespace Soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

    public static byte[] Render(string address)
    {
        using var stream = typeof(ErpWsdl).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
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
}
