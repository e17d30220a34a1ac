using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Outbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoContracts.LegacyErp;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

/// <summary>The demo ERP contract's requests, in the soap connector's envelope, are what <c>contracts/demo/legacy-erp/LegacyErp.wsdl</c> says, checked against its schema.</summary>
public sealed class LegacyErpSoapContractTests
{
    private static readonly XNamespace Erp = "urn:commercebus:demo:legacy-erp:v1";
    private static readonly XmlSchemaSet Schema = LoadSchema();

    public static TheoryData<SoapVersion> Versions => new() { SoapVersion.Soap11, SoapVersion.Soap12 };

    [Theory]
    [MemberData(nameof(Versions))]
    public void BookOrder_request_is_valid_against_the_ERP_WSDL(SoapVersion version)
    {
        var book = new BookOrder(Guid.NewGuid(), "A-1", "C-42", "EU", "EUR", 43.48m, [new("BOOK-001", 2, 19.99m), new("PEN-777", 1, 3.50m)]);

        var payload = Payload(Envelope(version, book, "key-1"), version);

        Assert.Equal(Erp + "BookOrder", payload.Name);
        Assert.Empty(Violations(payload));
        Assert.Equal("key-1", (string?)payload.Descendants(Erp + "IdempotencyKey").Single());
        Assert.Equal("43.48", (string?)payload.Descendants(Erp + "Total").Single());
        Assert.Equal(2, payload.Descendants(Erp + "Line").Count());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void CancelBooking_request_is_valid_against_the_ERP_WSDL(SoapVersion version)
    {
        var payload = Payload(Envelope(version, new CancelBooking(Guid.NewGuid(), "A-1", "EU", "ERP-EU-000001"), "key-2"), version);

        Assert.Equal(Erp + "CancelBooking", payload.Name);
        Assert.Empty(Violations(payload));
        Assert.Equal("ERP-EU-000001", (string?)payload.Descendants(Erp + "BookingId").Single());
    }

    private static byte[] Envelope(SoapVersion version, object command, string key)
    {
        var message = new OutboundMessage { Endpoint = "erp-eu", Command = command, Envelope = new MessageEnvelope(), IdempotencyKey = key };
        return SoapClientEnvelope.Write(version, new LegacyErpSoapContract().CreateRequest(message)!.Body);
    }

    private static XElement Payload(byte[] envelope, SoapVersion version)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(envelope));
        XNamespace env = version.EnvelopeNamespace();
        Assert.Equal(env + "Envelope", document.Root!.Name);
        return document.Root.Element(env + "Body")!.Elements().Single();
    }

    private static List<string> Violations(XElement element)
    {
        var problems = new List<string>();
        var declaration = (XmlSchemaElement)Schema.GlobalElements[new XmlQualifiedName(element.Name.LocalName, element.Name.NamespaceName)]!;
        new XDocument(new XElement(element)).Root!.Validate(declaration, Schema, (_, e) => problems.Add(e.Message));
        return problems;
    }

    private static XmlSchemaSet LoadSchema()
    {
        var wsdl = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Contracts", "LegacyErp.wsdl"));
        var original = wsdl.Descendants(XNamespace.Get(XmlSchema.Namespace) + "schema").Single();

        // Read alone, the schema needs the prefixes (xs, tns) that wsdl:definitions declares.
        var schema = new XElement(original);
        foreach (var ns in original.Ancestors().SelectMany(a => a.Attributes()).Where(a => a.IsNamespaceDeclaration && schema.Attribute(a.Name) is null))
        {
            schema.Add(new XAttribute(ns.Name, ns.Value));
        }

        var set = new XmlSchemaSet();
        using var reader = schema.CreateReader();
        set.Add(XmlSchema.Read(reader, (_, e) => throw e.Exception)!);
        set.Compile();
        return set;
    }
}
