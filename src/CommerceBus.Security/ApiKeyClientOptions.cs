namespace CommerceBus.Security;

/// <summary>One API key client: the key's hash (never the key) and the client's roles.</summary>
public sealed class ApiKeyClientOptions
{
    /// <summary><c>sha256:</c> followed by the lowercase hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Hash { get; set; } = "";

    /// <summary>The client's roles: <c>intake</c>, <c>query</c>, <c>pii</c>, <c>operator</c>.</summary>
    public List<string> Roles { get; init; } = [];

    /// <summary>
    /// Optional: a file holding the key itself (a mounted secret, never a value in a settings file), for SOAP clients
    /// that send a WS-Security PasswordDigest, which can only be checked against the key, not its hash. The file's
    /// content must hash to <see cref="Hash"/>.
    /// </summary>
    public string? DigestSecretFile { get; set; }
}
