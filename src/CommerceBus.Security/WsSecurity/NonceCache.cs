namespace CommerceBus.Security.WsSecurity;

/// <summary>
/// The nonces of the PasswordDigest tokens accepted within the freshness window, so a captured token cannot be sent
/// again: bounded by <see cref="WsSecurityOptions.NonceCacheSize"/>, each nonce kept only until its token is stale.
/// </summary>
/// <remarks>
/// Full of nonces that are all still fresh, it refuses further digests rather than forget one (forgetting would let
/// that token be replayed). Only verified digests are recorded, so only the hub's own clients can fill it. One per
/// process: hubs behind one load balancer do not share it (README, "Running in production").
/// </remarks>
internal sealed class NonceCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expires)> _order = new();

    public enum Outcome
    {
        Recorded,
        Replayed,
        Full,
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Records the nonce of <paramref name="client"/> until <paramref name="expires"/>, unless it was seen before.</summary>
    public Outcome TryRecord(string client, byte[] nonce, DateTimeOffset expires, DateTimeOffset now, int capacity)
    {
        var key = client + "\n" + Convert.ToBase64String(nonce);
        lock (_gate)
        {
            // Tokens arrive roughly in the order they go stale, so the oldest are at the head.
            while (_order.TryPeek(out var head) && head.Expires <= now)
            {
                _order.Dequeue();
                if (_seen.TryGetValue(head.Key, out var recorded) && recorded <= now)
                {
                    _seen.Remove(head.Key);
                }
            }

            if (_seen.TryGetValue(key, out var until) && until > now)
            {
                return Outcome.Replayed;
            }

            if (_seen.Count >= capacity)
            {
                foreach (var stale in _seen.Where(e => e.Value <= now).Select(e => e.Key).ToList())
                {
                    _seen.Remove(stale);
                }

                if (_seen.Count >= capacity)
                {
                    return Outcome.Full;
                }
            }

            _seen[key] = expires;
            _order.Enqueue((key, expires));
            return Outcome.Recorded;
        }
    }
}
