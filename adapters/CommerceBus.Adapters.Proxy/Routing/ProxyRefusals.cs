using System.Security;
using System.Text.Json;
using CommerceBus.Adapters.Proxy.Soap;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Adapters.Proxy.Routing;

/// <summary>
/// The answers of requests the proxy does not forward: a SOAP fault of the request's SOAP version on routes that read
/// SOAP, RFC 7807 problem details on the others. Nothing is forwarded when one of these is sent.
/// </summary>
internal static class ProxyRefusals
{
    public static Task WriteAsync(HttpContext context, ProxyRoute route, int status, string title, string detail)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (!route.SpeaksSoap)
        {
            response.ContentType = "application/problem+json";
            return response.WriteAsync(JsonSerializer.Serialize(new { type = "about:blank", title, status, detail, route = route.Name }), context.RequestAborted);
        }

        var soap12 = context.Request.ContentType?.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) == true;
        var text = SecurityElement.Escape($"{title}: {detail}");
        string fault;
        if (soap12)
        {
            response.ContentType = "application/soap+xml; charset=utf-8";
            fault = $"""<?xml version="1.0" encoding="utf-8"?><env:Envelope xmlns:env="{SoapXml.Soap12Namespace}"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">{text}</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>""";
        }
        else
        {
            response.ContentType = "text/xml; charset=utf-8";
            fault = $"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SoapXml.Soap11Namespace}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>{text}</faultstring></soap:Fault></soap:Body></soap:Envelope>""";
        }

        return response.WriteAsync(fault, context.RequestAborted);
    }
}
