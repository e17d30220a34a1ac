using CommerceBus.Security.ApiKeys;
using CommerceBus.Security.Sessions;
using CommerceBus.Security.Surfaces;
using CommerceBus.Security.WsSecurity;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Security.Hosting;

/// <summary>The hub's one default scheme: forwards to the scheme of the credential a request carries.</summary>
public static class HubAuthenticationSchemes
{
    /// <summary>The policy scheme every hub policy authenticates with.</summary>
    public const string Default = "CommerceBus";

    /// <summary>
    /// A bearer token, else an API key, else a SOAP envelope's WS-Security header (a SOAP post without a key), else an
    /// operator session cookie, else the certificate presented in the TLS handshake.
    /// </summary>
    internal static string Select(HttpContext http, bool jwt, bool certificates)
    {
        if (jwt && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        if (!http.Request.Headers.ContainsKey(ApiKeyDefaults.Header) && SoapRefusal.IsSoapPost(http.Request))
        {
            return WsSecurityDefaults.Scheme;
        }

        if (!http.Request.Headers.ContainsKey(ApiKeyDefaults.Header) && http.Request.Cookies.ContainsKey(OperatorSessionDefaults.CookieName))
        {
            return OperatorSessionDefaults.Scheme;
        }

        return certificates && !http.Request.Headers.ContainsKey(ApiKeyDefaults.Header) && http.Connection.ClientCertificate is not null
            ? CertificateAuthenticationDefaults.AuthenticationScheme
            : ApiKeyDefaults.Scheme;
    }
}
