namespace CommerceBus.Adapters.Tcp;

/// <summary>Records one peer address may send a listener per window (<c>Listeners:{name}:RateLimit</c>); off while <see cref="PermitLimit"/> is 0.</summary>
public sealed class TcpRateLimitOptions
{
    /// <summary>Records per peer and window; 0 turns the limit off. A record over it is answered <c>E999</c> and not taken.</summary>
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
