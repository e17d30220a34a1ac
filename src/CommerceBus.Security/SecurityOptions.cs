namespace CommerceBus.Security;

/// <summary>Who may call the hub and how much (configuration <c>CommerceBus:Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "CommerceBus:Security";

    /// <summary>API key clients by client id: <c>ApiKeys:{clientId}:Hash</c> and <c>ApiKeys:{clientId}:Roles</c>.</summary>
    public Dictionary<string, ApiKeyClientOptions> ApiKeys { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Client certificate clients by client id: <c>Certificates:{clientId}:Thumbprint</c> (SHA-256) and <c>:Roles</c>.</summary>
    public Dictionary<string, CertificateClientOptions> Certificates { get; init; } = new(StringComparer.Ordinal);

    /// <summary>An OIDC issuer whose bearer tokens the hub accepts; off while <see cref="JwtIssuerOptions.Authority"/> is empty.</summary>
    public JwtIssuerOptions Jwt { get; init; } = new();

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> the hub believes, nobody else's: IP addresses
    /// (<c>10.0.0.5</c>) or networks in CIDR notation (<c>10.0.0.0/24</c>, for balancers whose addresses change).
    /// </summary>
    public List<string> KnownProxies { get; init; } = [];

    /// <summary>How SOAP clients' WS-Security UsernameTokens are checked (freshness window, nonce cache).</summary>
    public WsSecurityOptions WsSecurity { get; init; } = new();

    /// <summary>Requests per client and window on the rate-limited surfaces, by surface (<c>intake</c>, <c>odata</c>, <c>explain</c>).</summary>
    public Dictionary<string, RateLimitOptions> RateLimits { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when any credential is configured: then every surface but health needs one, on any address.</summary>
    public bool HasCredentials => ApiKeys.Count > 0 || Certificates.Count > 0 || Jwt.IsConfigured;
}
