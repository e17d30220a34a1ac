using System.Text;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Outbound;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

public sealed class ErpReplyReaderTests
{
    private const string Erp = "urn:commercebus:demo:legacy-erp:v1";

    [Fact]
    public void BookOrder_result_is_read()
    {
        var reply = Read($"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><BookOrderResponse xmlns=\"{Erp}\"><BookOrderResult><BookingId>ERP-EU-000001</BookingId><Erp>ERP-EU</Erp></BookOrderResult></BookOrderResponse></s:Body></s:Envelope>", "BookOrder");

        Assert.Equal(new ErpBooked("ERP-EU-000001", "ERP-EU"), reply);
    }

    [Fact]
    public void Soap11_refusal_fault_is_read_with_its_BookingRefused_reason()
    {
        var reply = Read($"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no</faultstring><detail><e:BookingRefused xmlns:e=\"{Erp}\"><e:Erp>ERP-EU</e:Erp><e:Reason>customer X cannot be booked</e:Reason></e:BookingRefused></detail></s:Fault></s:Body></s:Envelope>", "BookOrder");

        Assert.Equal(new ErpFault(SoapFaultCode.Sender, "no", "customer X cannot be booked"), reply);
    }

    [Theory]
    [InlineData("env:Sender", SoapFaultCode.Sender)]
    [InlineData("env:Receiver", SoapFaultCode.Receiver)]
    public void Soap12_fault_code_is_read(string code, SoapFaultCode expected)
    {
        var reply = Read($"<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault><env:Code><env:Value>{code}</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">why</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>", "CancelBooking");

        Assert.Equal(new ErpFault(expected, "why", null), reply);
    }

    [Theory]
    [InlineData("<html>503 Service Unavailable</html>")]
    [InlineData("not xml at all")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Other/></s:Body></s:Envelope>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>")]
    public void Anything_else_is_a_format_error(string body) =>
        Assert.Throws<FormatException>(() => Read(body, "BookOrder"));

    private static ErpReply Read(string body, string operation) => ErpReplyReader.Read(Encoding.UTF8.GetBytes(body), operation);
}
