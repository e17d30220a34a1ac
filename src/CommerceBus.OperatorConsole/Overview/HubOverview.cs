using CommerceBus.Observability.Heartbeats;

namespace CommerceBus.OperatorConsole.Overview;

/// <summary>Everything the overview page shows, read at one moment.</summary>
public sealed record HubOverview(
    DateTimeOffset TakenAt,
    TimeSpan Window,
    IReadOnlyList<TrafficRow> Adapters,
    IReadOnlyList<TrafficRow> Endpoints,
    IReadOnlyDictionary<string, EndpointState> EndpointStates,
    IReadOnlyList<string> ConfiguredEndpoints,
    IReadOnlyDictionary<string, long> OrdersByStatus,
    IReadOnlyList<WaitingSaga> Waiting,
    long WaitingCount,
    long OutboxPending,
    TimeSpan? OutboxLag,
    long FailedWaiting,
    IReadOnlyList<RecentOrder> Recent);
