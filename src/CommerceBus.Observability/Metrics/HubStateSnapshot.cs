namespace CommerceBus.Observability.Metrics;

/// <summary>What the hub's tables say at one moment: sagas per state, the oldest waiting step, the outbox and the failed messages.</summary>
public sealed record HubStateSnapshot(
    DateTimeOffset TakenAt,
    IReadOnlyDictionary<string, long> SagasByState,
    TimeSpan? OldestWaitingStepAge,
    TimeSpan? SmallestStepDeadlineHeadroom,
    long OutboxPending,
    TimeSpan? OldestOutboxAge,
    IReadOnlyDictionary<string, long> FailedMessagesByStatus)
{
    public static readonly HubStateSnapshot Empty = new(DateTimeOffset.MinValue, new Dictionary<string, long>(), null, null, 0, null, new Dictionary<string, long>());
}
