using System.Text;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Outbound;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

/// <summary>How the soap connector reads a service's response envelope into the content or the fault its contract sees.</summary>
public sealed class SoapClientEnvelopeTests
{
    private const string Erp = "urn:commercebus:demo:legacy-erp:v1";

    [Fact]
    public void Result_is_the_bodys_first_element()
    {
        var answer = Read($"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><BookOrderResponse xmlns=\"{Erp}\"><BookOrderResult><BookingId>ERP-EU-000001</BookingId><Erp>ERP-EU</Erp></BookOrderResult></BookOrderResponse></s:Body></s:Envelope>");

        Assert.Null(answer.Fault);
        Assert.Equal("{" + Erp + "}BookOrderResponse", answer.Content!.Name.ToString());
    }

    [Fact]
    public void Soap11_client_fault_is_a_Sender_fault_with_its_detail()
    {
        var answer = Read($"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no</faultstring><detail><e:BookingRefused xmlns:e=\"{Erp}\"><e:Erp>ERP-EU</e:Erp><e:Reason>customer X cannot be booked</e:Reason></e:BookingRefused></detail></s:Fault></s:Body></s:Envelope>");

        Assert.Null(answer.Content);
        Assert.Equal(SoapFaultCode.Sender, answer.Fault!.Code);
        Assert.Equal("no", answer.Fault.Reason);
        Assert.Contains("customer X cannot be booked", answer.Fault.Detail!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("env:Sender", SoapFaultCode.Sender)]
    [InlineData("env:Receiver", SoapFaultCode.Receiver)]
    public void Soap12_fault_code_is_read(string code, SoapFaultCode expected)
    {
        var answer = Read($"<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault><env:Code><env:Value>{code}</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">why</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>");

        Assert.Equal(new SoapAnswerFault(expected, "why", null), answer.Fault);
    }

    [Theory]
    [InlineData("<html>503 Service Unavailable</html>")]
    [InlineData("not xml at all")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body></s:Body></s:Envelope>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>")]
    public void Anything_else_is_a_format_error(string body) =>
        Assert.Throws<FormatException>(() => Read(body));

    private static SoapAnswer Read(string body) => SoapClientEnvelope.Read(200, Encoding.UTF8.GetBytes(body));
}
