using CommerceBus.Persistence;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Rows a saga step writes besides its own (the journal entry, the messages it publishes),
/// staged during the step and committed by the saga storage in the same transaction as the saga row. One per message
/// scope.
/// </summary>
/// <remarks>
/// A step whose saga write loses a concurrency race writes none of them; its retry stages them again. That closes the
/// window in which the journal ran ahead of the saga it describes, and the one in which a message
/// the step owed was lost between the commit and the send (see <see cref="SagaOutbox"/>).
/// </remarks>
public sealed class SagaSideEffects
{
    private readonly List<Func<HubDbContext, CancellationToken, Task>> _pending = [];
    private readonly List<OutboxMessageRecord> _outgoing = [];
    private readonly List<Action> _afterCommit = [];
    private List<OutboxMessageRecord> _staged = [];

    public bool IsEmpty => _pending.Count == 0 && _outgoing.Count == 0;

    public void Add(Func<HubDbContext, CancellationToken, Task> stage) => _pending.Add(stage);

    /// <summary>
    /// Runs <paramref name="action"/> once the step's transaction has committed (a saga telling an in-process timer about
    /// a deadline it stored, so the timer never reads the database before the row is there). A step whose write fails
    /// runs none: its retry registers them again.
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Runs and forgets the actions registered with <see cref="AfterCommit"/>; called only after a commit.</summary>
    public void Committed()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }
    }

    /// <summary>Adds a message to the step's outbox rows.</summary>
    public void Publish(OutboxMessageRecord message) => _outgoing.Add(message);

    /// <summary>Stages every pending write and outbox row on <paramref name="db"/> (without saving) and forgets them.</summary>
    public async Task StageAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var pending = _pending.ToList();
        _pending.Clear();
        foreach (var stage in pending)
        {
            await stage(db, cancellationToken);
        }

        db.OutboxMessages.AddRange(_outgoing);
        _staged = [.. _outgoing];
        _outgoing.Clear();
    }

    /// <summary>
    /// The outbox rows staged so far, once their transaction has committed: the caller hands them to
    /// <see cref="OutboxDelivery"/>. Called only after a successful commit; a failed one leaves them to nobody.
    /// </summary>
    public IReadOnlyList<OutboxMessageRecord> TakeCommitted()
    {
        var staged = _staged;
        _staged = [];
        return staged;
    }
}
