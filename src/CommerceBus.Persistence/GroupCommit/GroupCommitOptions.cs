namespace CommerceBus.Persistence.GroupCommit;

/// <summary>How the <see cref="GroupCommitter"/> groups commits (configuration <c>CommerceBus:Storage:GroupCommit</c>).</summary>
public sealed class GroupCommitOptions
{
    /// <summary>The most units of work one transaction takes; what waits beyond it goes into the next one.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How many units of work may wait for a commit; a caller past it waits for room (or its cancellation).</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>
    /// The deadline of one grouped transaction, from its first statement to its commit. A batch past it is rolled back
    /// and every unit of work in it is committed again on its own.
    /// </summary>
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with these options, if anything.</summary>
    public string? Problem() =>
        MaxBatchSize < 1 ? $"GroupCommit:MaxBatchSize is {MaxBatchSize}; it must be at least 1 (1 commits every unit of work on its own)."
        : QueueCapacity < MaxBatchSize ? $"GroupCommit:QueueCapacity ({QueueCapacity}) must be at least MaxBatchSize ({MaxBatchSize})."
        : CommitTimeout <= TimeSpan.Zero ? "GroupCommit:CommitTimeout must be positive."
        : null;
}
