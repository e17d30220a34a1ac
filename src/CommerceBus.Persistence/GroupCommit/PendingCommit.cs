namespace CommerceBus.Persistence.GroupCommit;

/// <summary>
/// One unit of work waiting in the <see cref="GroupCommitter"/>'s queue — a context with staged changes, a statement
/// to run in the shared transaction, or rows to stage on the shared transaction's own context — and the answer its caller awaits. It is either withdrawn by its caller's cancellation while still queued, or taken into a batch,
/// never both: a taken one is answered only once its batch has committed or failed.
/// </summary>
internal sealed class PendingCommit
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Withdrawn = 2;

    private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = Queued;

    public PendingCommit(HubDbContext db) => Db = db;

    public PendingCommit(Func<HubDbContext, CancellationToken, Task> statement) => Statement = statement;

    public PendingCommit(Action<HubDbContext> stage) => Stage = stage;

    /// <summary>The context whose staged changes are saved; null for a statement.</summary>
    public HubDbContext? Db { get; }

    /// <summary>A statement run on the shared transaction's context (a set-based delete); null for a context.</summary>
    public Func<HubDbContext, CancellationToken, Task>? Statement { get; }

    /// <summary>
    /// Adds rows to the shared transaction's context (a journal entry); whatever a batch stages is inserted there with the
    /// batch's other new rows, not saved once per caller. Null for a context or a statement.
    /// </summary>
    public Action<HubDbContext>? Stage { get; }

    /// <summary>Completes when the unit of work is on disk; faults with why it is not; cancelled when withdrawn.</summary>
    public Task Answer => _answer.Task;

    /// <summary>Takes the unit of work into a batch; false when its caller withdrew it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Withdraws a unit of work no batch has taken yet (its caller gave up); false when one has.</summary>
    public bool TryWithdraw(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) != Queued)
        {
            return false;
        }

        _answer.TrySetCanceled(cancellationToken);
        return true;
    }

    public void Committed() => _answer.TrySetResult();

    public void Failed(Exception exception) => _answer.TrySetException(exception);
}
