using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>
/// A listener's rate limit per peer address (all of one terminal's connections count together): the framework's fixed
/// window limiter, partitioned by address. A record over the limit is answered with the wire contract's <c>E999</c>
/// ("the hub could not accept it now; the terminal may retry"), saying when, and never reaches the hub.
/// </summary>
internal sealed class PeerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public PeerRateLimiter(TcpRateLimitOptions options) =>
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(peer => RateLimitPartition.GetFixedWindowLimiter(peer, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.PermitLimit,
            Window = options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the record may go on; else the NAK reason (at most 80 characters, as the contract allows).</summary>
    public string? Refusal(IPAddress peer)
    {
        using var lease = _limiter.AttemptAcquire(peer);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"rate limit: too many records from this terminal; send it again in {seconds} s");
    }

    public void Dispose() => _limiter.Dispose();
}
