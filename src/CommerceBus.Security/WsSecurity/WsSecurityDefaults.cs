namespace CommerceBus.Security.WsSecurity;

/// <summary>The WS-Security scheme's name and the OASIS names of the UsernameToken profile 1.0.</summary>
public static class WsSecurityDefaults
{
    /// <summary>The scheme name, and the authentication type of the identity it makes (the SOAP adapter reads it: a
    /// request that authenticated with its <c>wsse:Security</c> header had that header understood).</summary>
    public const string Scheme = "WS-Security";

    public const string SecurityNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    public const string UtilityNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    public const string PasswordText = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    public const string PasswordDigest = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";

    /// <summary>The most of a request the scheme reads looking for the header; a security header is a few hundred bytes.</summary>
    public const int MaxHeaderBytes = 64 * 1024;
}
