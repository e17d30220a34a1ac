namespace CommerceBus.Core.Dispatch.Recoverability;

/// <summary>
/// How often delivery to one endpoint is tried before the command is parked in the failed-message store: first
/// <see cref="Immediate"/> retries in a row, then, for each interval of <see cref="Delayed"/>, a redelivery through the
/// scheduler after that interval (each again with its immediate retries).
/// </summary>
/// <remarks>
/// With the defaults (2 immediate, delays of 10 s, 30 s, 60 s) an endpoint gets 12 attempts over about 100 seconds,
/// well inside the saga's default step timeout of 5 minutes.
/// </remarks>
public sealed record RetryPolicy
{
    public static readonly RetryPolicy Default = new()
    {
        Immediate = 2,
        Delayed = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)],
    };

    /// <summary>Retries in a row right after a failed attempt (0: none).</summary>
    public int Immediate { get; init; }

    /// <summary>The waits before each delayed redelivery; empty: none.</summary>
    public IReadOnlyList<TimeSpan> Delayed { get; init; } = [];

    /// <summary>Attempts in one round: the first and its immediate retries.</summary>
    public int AttemptsPerRound => Immediate + 1;

    /// <summary>What to do after round <paramref name="round"/> (0 for the first delivery) failed every attempt.</summary>
    public RetryDecision AfterFailedRound(int round) =>
        round < Delayed.Count ? RetryDecision.RedeliverAfter(Delayed[round], round + 1) : RetryDecision.Park;

    /// <summary>All the time the delayed redeliveries add up to (what a step timeout must exceed to let them run).</summary>
    public TimeSpan TotalDelay => Delayed.Aggregate(TimeSpan.Zero, (sum, d) => sum + d);
}
