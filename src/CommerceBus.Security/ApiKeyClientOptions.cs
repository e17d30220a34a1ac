namespace CommerceBus.Security;

/// <summary>One API key client: the key's hash (never the key) and the client's roles.</summary>
public sealed class ApiKeyClientOptions
{
    /// <summary><c>sha256:</c> followed by the lowercase hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Hash { get; set; } = "";

    /// <summary>The client's roles: <c>intake</c>, <c>query</c>, <c>pii</c>, <c>operator</c>.</summary>
    public List<string> Roles { get; init; } = [];
}
