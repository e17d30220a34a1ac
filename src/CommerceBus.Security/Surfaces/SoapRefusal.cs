using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Security.Surfaces;

/// <summary>
/// A refusal of the SOAP surface as a SOAP fault of the request's version (1.2 for <c>application/soap+xml</c>, else
/// 1.1), so a SOAP client reports the reason instead of an unreadable HTTP error.
/// </summary>
/// <remarks>
/// A refused credential is a sender fault with the WS-Security subcode <c>wsse:FailedAuthentication</c>, sent with
/// HTTP 500 as WCF services send every fault (WCF clients read faults from 500 only, on SOAP 1.2 too). A rate-limited
/// request is the exception: HTTP 503 with <c>Retry-After</c>, which WCF clients raise as <c>ServerTooBusyException</c>
/// (their "try again later"), where a 429 would be an unexplained <c>ProtocolException</c>; the fault still says why.
/// </remarks>
internal static class SoapRefusal
{
    public const string FailedAuthentication = "FailedAuthentication";

    private const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>A POST of a SOAP 1.1 (<c>text/xml</c>) or SOAP 1.2 (<c>application/soap+xml</c>) envelope.</summary>
    public static bool IsSoapPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.ContentType?.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase) == true
            || request.ContentType?.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) == true);

    public static async Task WriteAsync(HttpContext http, int status, string reason, string? securitySubcode)
    {
        var soap12 = http.Request.ContentType?.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) == true;
        http.Response.StatusCode = status;
        http.Response.ContentType = soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
        await http.Response.Body.WriteAsync(Envelope(soap12, reason, securitySubcode), http.RequestAborted);
    }

    public static byte[] Envelope(bool soap12, string reason, string? securitySubcode)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            var env = soap12 ? Soap12 : Soap11;
            xml.WriteStartElement("s", "Envelope", env);
            if (securitySubcode is not null)
            {
                xml.WriteAttributeString("xmlns", "wsse", null, WsSecurity.WsSecurityDefaults.SecurityNamespace);
            }

            xml.WriteStartElement("Body", env);
            xml.WriteStartElement("Fault", env);
            if (soap12)
            {
                xml.WriteStartElement("Code", env);
                xml.WriteElementString("Value", env, "s:Sender");
                if (securitySubcode is not null)
                {
                    xml.WriteStartElement("Subcode", env);
                    xml.WriteElementString("Value", env, "wsse:" + securitySubcode);
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
                xml.WriteStartElement("Reason", env);
                xml.WriteStartElement("Text", env);
                xml.WriteAttributeString("xml", "lang", null, "en");
                xml.WriteString(reason);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteElementString("faultcode", securitySubcode is null ? "s:Client" : "wsse:" + securitySubcode);
                xml.WriteElementString("faultstring", reason);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
