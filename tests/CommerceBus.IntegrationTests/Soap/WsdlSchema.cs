using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>The XML schema inside a WSDL in <c>Contracts/</c>, to check that what goes over the wire is what the WSDL says.</summary>
public sealed class WsdlSchema
{
    private readonly XmlSchemaSet _schemas = new();

    private WsdlSchema(XDocument wsdl)
    {
        Wsdl = wsdl;
        foreach (var schema in wsdl.Descendants(XNamespace.Get(XmlSchema.Namespace) + "schema"))
        {
            // The schema uses prefixes (tns, xs) declared on wsdl:definitions; it must carry them when read alone.
            var copy = new XElement(schema);
            foreach (var ns in schema.Ancestors().SelectMany(a => a.Attributes()).Where(a => a.IsNamespaceDeclaration))
            {
                if (copy.Attribute(ns.Name) is null)
                {
                    copy.Add(new XAttribute(ns.Name, ns.Value));
                }
            }

            using var reader = copy.CreateReader();
            _schemas.Add(XmlSchema.Read(reader, (_, e) => throw e.Exception)!);
        }

        _schemas.Compile();
    }

    public XDocument Wsdl { get; }

    public XmlSchemaSet Schemas => _schemas;

    public static WsdlSchema Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Contracts", fileName);
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return new WsdlSchema(XDocument.Load(reader));
    }

    /// <summary>Every schema violation of an element declared globally in the WSDL (a response payload, say); empty when valid.</summary>
    public IReadOnlyList<string> Violations(XElement element)
    {
        var declaration = _schemas.GlobalElements[new XmlQualifiedName(element.Name.LocalName, element.Name.NamespaceName)] as XmlSchemaElement
            ?? throw new InvalidOperationException($"{element.Name} is not a global element of the WSDL's schema");
        var problems = new List<string>();
        var document = new XDocument(new XElement(element));
        document.Root!.Validate(declaration, _schemas, (_, e) => problems.Add(e.Message));
        return problems;
    }
}
