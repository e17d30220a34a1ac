namespace CommerceBus.Core.Dispatch.Recoverability;

/// <summary>What becomes of a command whose round of attempts failed: redelivered later, or parked as a failed message.</summary>
public sealed record RetryDecision(bool Redeliver, TimeSpan Delay, int NextRound)
{
    public static readonly RetryDecision Park = new(false, TimeSpan.Zero, 0);

    public static RetryDecision RedeliverAfter(TimeSpan delay, int nextRound) => new(true, delay, nextRound);
}
