using System.Collections.Concurrent;
using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;

namespace CommerceBus.Bench.Bus.Flow;

/// <summary>
/// Sums the duration of the hub's spans (its own <see cref="ActivitySource"/> and MassTransit's) by span name while
/// the flow runs: where an order's wall time goes, stage by stage (intake pipeline, saga consumers, each delivery).
/// Nested spans overlap, and a span also counts time spent waiting for a core or an endpoint: this names the largest
/// stages, it does not add up to the CPU per order.
/// </summary>
internal sealed class SpanTimes : IDisposable
{
    private readonly ConcurrentDictionary<string, (long Count, double Ms)> _byName = new();
    private readonly ActivityListener _listener;

    public SpanTimes()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is HubTelemetry.Name or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (Recording)
                {
                    var name = $"{activity.Source.Name}: {activity.DisplayName}";
                    _byName.AddOrUpdate(name, (1, activity.Duration.TotalMilliseconds), (_, s) => (s.Count + 1, s.Ms + activity.Duration.TotalMilliseconds));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public bool Recording { get; set; }

    /// <summary>The spans with the most time per order, largest first.</summary>
    public IEnumerable<(string Name, double PerOrder, double MsPerOrder, double MeanMs)> Top(int orders, int count) =>
        _byName.Select(kv => (kv.Key, kv.Value.Count / (double)orders, kv.Value.Ms / orders, kv.Value.Ms / kv.Value.Count))
            .OrderByDescending(s => s.Item3)
            .Take(count);

    public void Dispose() => _listener.Dispose();
}
