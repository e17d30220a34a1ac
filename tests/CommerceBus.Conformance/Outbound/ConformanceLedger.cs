using System.Collections.Concurrent;

namespace CommerceBus.Conformance.Outbound;

/// <summary>
/// What a conformance endpoint saw, by idempotency key (or whatever its wire dedupes by): how often a command arrived,
/// and whether it was applied, at most once per key, remembering the first answer to give it again.
/// </summary>
public sealed class ConformanceLedger
{
    private readonly ConcurrentDictionary<string, int> _received = new();
    private readonly ConcurrentDictionary<string, Lazy<string>> _applied = new();
    private readonly ConcurrentDictionary<string, int> _applications = new();

    /// <summary>Counts one arrival of <paramref name="key"/>.</summary>
    public void Received(string key) => _received.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Applies <paramref name="key"/> once: the first call runs <paramref name="apply"/>, later ones get its answer.</summary>
    public string Apply(string key, Func<string> apply) =>
        _applied.GetOrAdd(key, k => new Lazy<string>(() =>
        {
            _applications.AddOrUpdate(k, 1, (_, n) => n + 1);
            return apply();
        })).Value;

    public EndpointRecord RecordOf(string key) => new(_received.GetValueOrDefault(key), _applications.GetValueOrDefault(key));
}
