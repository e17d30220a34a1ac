using System.Threading.Channels;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommerceBus.Persistence.GroupCommit;

/// <summary>
/// The units of work one transaction commits: whatever is waiting when the committer is free, up to the maximum —
/// never a wait for more to arrive, so a lone unit of work is committed at once.
/// </summary>
internal sealed class CommitBatch
{
    private readonly List<PendingCommit> _items;

    private CommitBatch(List<PendingCommit> items) => _items = items;

    public IReadOnlyList<PendingCommit> Items => _items;

    public int Count => _items.Count;

    /// <summary>A batch of one unit of work, taken already (committed alone by its caller).</summary>
    public static CommitBatch Of(PendingCommit pending) => new([pending]);

    /// <summary>Takes what <paramref name="queue"/> holds now, up to <paramref name="maxSize"/>, skipping withdrawn ones.</summary>
    public static CommitBatch Take(ChannelReader<PendingCommit> queue, int maxSize)
    {
        var items = new List<PendingCommit>(Math.Min(maxSize, 16));
        while (items.Count < maxSize && queue.TryRead(out var pending))
        {
            if (pending.TryTake())
            {
                items.Add(pending);
            }
        }

        return new CommitBatch(items);
    }

    /// <summary>
    /// Whether <paramref name="failure"/> says the database did not answer — the provider's retries ran out, or the
    /// commit's deadline passed — rather than that it refused a unit of work.
    /// </summary>
    public static bool IsUnavailable(Exception? failure) => failure is RetryLimitExceededException or TimeoutException;

    /// <summary>Answers every caller: committed, or why not.</summary>
    /// <remarks>
    /// A lone unit of work failed for its own reason, and its caller gets that exception, as from its own
    /// <c>SaveChanges</c>. In a shared transaction the failing statement may be anyone's, so each caller gets a
    /// <see cref="GroupCommitFailedException"/> and commits again on its own: one bad unit of work does not refuse its
    /// neighbours. A database that did not answer refused nobody in particular: committing alone would only wait for
    /// it again, so each caller is told so (<see cref="Refuse"/>).
    /// </remarks>
    public void Answer(Exception? failure)
    {
        if (failure is not null && _items.Count > 1 && IsUnavailable(failure))
        {
            Refuse(failure);
            return;
        }

        foreach (var pending in _items)
        {
            if (failure is null)
            {
                pending.Committed();
            }
            else if (_items.Count == 1)
            {
                pending.Failed(failure);
            }
            else
            {
                pending.Failed(new GroupCommitFailedException(_items.Count, failure));
            }
        }
    }

    /// <summary>
    /// Tells every caller the database did not answer (a <see cref="TimeoutException"/> with <paramref name="cause"/>):
    /// its unit of work is not known to be written, and committing it again now would wait for the same database.
    /// </summary>
    public void Refuse(Exception cause)
    {
        foreach (var pending in _items)
        {
            pending.Failed(new TimeoutException($"The database did not answer a commit ({cause.GetType().Name}: {cause.Message}); this unit of work is not known to be written. Retry later.", cause));
        }
    }
}
