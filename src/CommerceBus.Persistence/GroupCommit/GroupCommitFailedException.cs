namespace CommerceBus.Persistence.GroupCommit;

/// <summary>
/// The transaction a unit of work shared with others failed and was rolled back: nothing of this unit of work was
/// written, and the failure may be another's. The caller commits its unit of work again on its own, where a failure is
/// its own.
/// </summary>
public sealed class GroupCommitFailedException(int batchSize, Exception cause)
    : Exception($"The transaction shared by {batchSize} units of work failed and was rolled back ({cause.GetType().Name}: {cause.Message}); nothing of this one was written: commit it on its own.", cause)
{
    /// <summary>How many units of work the failed transaction held.</summary>
    public int BatchSize { get; } = batchSize;
}
