using CommerceBus.Core.Persistence;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Rows a saga step writes besides its own (the order read model, the journal entry), staged during the step and
/// committed by the saga storage in the same transaction as the saga row. One per message scope.
/// </summary>
/// <remarks>
/// A step whose saga write loses a concurrency race writes none of them; its retry stages them again. That closes the
/// window in which the read model (or the journal) ran ahead of the saga it describes.
/// </remarks>
public sealed class SagaSideEffects
{
    private readonly List<Func<HubDbContext, CancellationToken, Task>> _pending = [];

    public bool IsEmpty => _pending.Count == 0;

    public void Add(Func<HubDbContext, CancellationToken, Task> stage) => _pending.Add(stage);

    /// <summary>Stages every pending write on <paramref name="db"/> (without saving) and forgets them.</summary>
    public async Task StageAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var pending = _pending.ToList();
        _pending.Clear();
        foreach (var stage in pending)
        {
            await stage(db, cancellationToken);
        }
    }
}
