namespace CommerceBus.Security;

/// <summary>The rate-limited surfaces and their default limits per client, overridden by <c>CommerceBus:Security:RateLimits:{name}</c>.</summary>
public static class RateLimits
{
    public const string Intake = "intake";
    public const string OData = "odata";
    public const string Explain = "explain";

    /// <summary>Generous defaults: a client far beyond them is misbehaving, not busy.</summary>
    public static readonly IReadOnlyDictionary<string, RateLimitOptions> Defaults = new Dictionary<string, RateLimitOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [Intake] = new() { PermitLimit = 1000, Window = TimeSpan.FromSeconds(1) },
        [OData] = new() { PermitLimit = 200, Window = TimeSpan.FromSeconds(1) },
        [Explain] = new() { PermitLimit = 50, Window = TimeSpan.FromSeconds(1) },
    };

    public static RateLimitOptions Of(SecurityOptions options, string name) =>
        options.RateLimits.TryGetValue(name, out var configured) ? configured
        : Defaults.TryGetValue(name, out var fallback) ? fallback
        : new RateLimitOptions();
}
