namespace CommerceBus.OperatorConsole;

/// <summary>The console's settings, <c>CommerceBus:Console</c>.</summary>
public sealed record OperatorConsoleOptions
{
    public const string Section = "CommerceBus:Console";

    /// <summary>
    /// The address of a trace in the tracing UI, with <c>{traceId}</c> where the trace id goes, e.g.
    /// <c>http://jaeger:16686/trace/{traceId}</c>; empty: trace ids are shown without a link.
    /// </summary>
    public string? TraceUrl { get; init; }

    /// <summary>How often the overview reloads itself; zero: never.</summary>
    public TimeSpan OverviewRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The window of the overview's rates, failures and latencies.</summary>
    public TimeSpan OverviewWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many waiting failed messages are grouped; the rest wait their turn (the oldest first are shown).</summary>
    public int MaxGroupedFailures { get; init; } = 5000;

    /// <summary>The trace UI link of <paramref name="traceId"/>, or null when none is configured or there is no trace id.</summary>
    public string? TraceLink(string? traceId) =>
        string.IsNullOrWhiteSpace(TraceUrl) || string.IsNullOrWhiteSpace(traceId)
            ? null
            : TraceUrl.Replace("{traceId}", Uri.EscapeDataString(traceId), StringComparison.Ordinal);
}
