namespace CommerceBus.Security;

/// <summary>The OIDC issuer whose bearer tokens are accepted (configuration <c>CommerceBus:Security:Jwt</c>).</summary>
public sealed class JwtIssuerOptions
{
    /// <summary>The issuer's address; its signing keys are read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The audience a token must name (the hub's API identifier at the issuer).</summary>
    public string Audience { get; set; } = "";

    /// <summary>The claim holding the client's roles (one claim per role, or a JSON array).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim naming the client: its id in the journal and the audit trail.</summary>
    public string ClientIdClaim { get; set; } = "sub";

    /// <summary>Whether the issuer's metadata must come over HTTPS; only a test issuer on loopback turns this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
