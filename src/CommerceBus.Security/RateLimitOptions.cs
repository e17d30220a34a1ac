namespace CommerceBus.Security;

/// <summary>A fixed window rate limit of one surface, counted per client (per address for anonymous local callers).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests a client may make per window; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
