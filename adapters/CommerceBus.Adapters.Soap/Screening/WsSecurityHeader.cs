using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.Adapters.Soap.Screening;

/// <summary>
/// The WS-Security header (<c>wsse:Security</c>) as the OrderService sees it: understood when the hub's security layer
/// (CommerceBus.Security, in front of every surface) authenticated the request's client with it, so a client's
/// <c>mustUnderstand="1"</c> UsernameToken is honoured rather than refused, and refused when nothing verified it.
/// </summary>
internal static class WsSecurityHeader
{
    public static readonly XName Name = XName.Get("Security", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");

    /// <summary>The authentication type of an identity made from the header (CommerceBus.Security's <c>WsSecurityDefaults.Scheme</c>).</summary>
    public const string AuthenticationType = "WS-Security";

    private static readonly IReadOnlySet<XName> Understood = new HashSet<XName> { Name };

    /// <summary>The headers the request's authentication processed: the security header, or none.</summary>
    public static IReadOnlySet<XName>? UnderstoodBy(HttpContext http) =>
        VerifiedBy(http) ? Understood : null;

    public static bool VerifiedBy(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthenticationType };
}
