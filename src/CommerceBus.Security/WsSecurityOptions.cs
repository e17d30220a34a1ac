namespace CommerceBus.Security;

/// <summary>How SOAP clients' WS-Security UsernameTokens are checked (configuration <c>CommerceBus:Security:WsSecurity</c>).</summary>
public sealed class WsSecurityOptions
{
    /// <summary>How old a PasswordDigest token's <c>wsu:Created</c> may be; its nonce is remembered this long.</summary>
    public TimeSpan FreshnessWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead of the hub's clock a client's <c>wsu:Created</c> may be.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most nonces remembered at once; full of fresh ones, further digests are refused until some go stale.</summary>
    public int NonceCacheSize { get; set; } = 100_000;
}
