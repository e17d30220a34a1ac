using System.Text;
using System.Xml.Linq;
using CommerceBus.Adapters.Soap.Faults;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class SoapFaultWriterTests
{
    private static readonly SoapFault Fault = new(SoapFaultCode.Sender, "bad <order>", [new SoapFieldError("Order/Currency", "currency", "must be one of EUR")]);

    [Fact]
    public void Soap11_fault_has_faultcode_faultstring_and_detail()
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(SoapFaultWriter.Envelope(SoapVersion.Soap11, Fault)));
        XNamespace env = SoapVersions.Soap11Namespace;
        var fault = document.Root!.Element(env + "Body")!.Element(env + "Fault")!;

        Assert.Equal("soap:Client", (string?)fault.Element("faultcode"));
        Assert.Equal(env, fault.GetNamespaceOfPrefix("soap"));
        Assert.Equal("bad <order>", (string?)fault.Element("faultstring"));
        Assert.Equal("Order/Currency", fault.Element("detail")!.Descendants(XName.Get("Element", SoapFaultWriter.DetailNamespace)).Single().Value);
    }

    [Theory]
    [InlineData(SoapFaultCode.Sender, "env:Sender", "soap:Client")]
    [InlineData(SoapFaultCode.Receiver, "env:Receiver", "soap:Server")]
    [InlineData(SoapFaultCode.VersionMismatch, "env:VersionMismatch", "soap:VersionMismatch")]
    [InlineData(SoapFaultCode.MustUnderstand, "env:MustUnderstand", "soap:MustUnderstand")]
    public void Codes_use_each_versions_names(SoapFaultCode code, string soap12, string soap11)
    {
        XNamespace env12 = SoapVersions.Soap12Namespace;
        var fault12 = XDocument.Parse(Encoding.UTF8.GetString(SoapFaultWriter.Envelope(SoapVersion.Soap12, new SoapFault(code, "r")))).Descendants(env12 + "Fault").Single();
        var fault11 = XDocument.Parse(Encoding.UTF8.GetString(SoapFaultWriter.Envelope(SoapVersion.Soap11, new SoapFault(code, "r")))).Descendants().Single(e => e.Name.LocalName == "Fault");

        Assert.Equal(soap12, (string?)fault12.Element(env12 + "Code")!.Element(env12 + "Value"));
        Assert.Equal("r", (string?)fault12.Element(env12 + "Reason")!.Element(env12 + "Text"));
        Assert.Equal(soap11, (string?)fault11.Element("faultcode"));
    }

    [Theory]
    [InlineData(SoapVersion.Soap11)]
    [InlineData(SoapVersion.Soap12)]
    public void Characters_xml_cannot_carry_are_written_as_escapes_not_thrown_on(SoapVersion version)
    {
        // Found by the bad-input suite: a reason quoting a control character of the request made the writer throw (a 500, no fault).
        var fault = new SoapFault(SoapFaultCode.Sender, "bad \u0011 byte \uD800", [new SoapFieldError("Order/\u0001", "name", "rule \u0000")]);

        var text = Encoding.UTF8.GetString(SoapFaultWriter.Envelope(version, fault));

        Assert.Contains("bad \\u0011 byte \\uD800", XDocument.Parse(text).Descendants().Single(e => e.Name.LocalName is "faultstring" or "Text").Value, StringComparison.Ordinal);
        Assert.Contains("Order/\\u0001", text, StringComparison.Ordinal);
    }
}
