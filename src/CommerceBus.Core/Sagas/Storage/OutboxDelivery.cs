using System.Collections.Concurrent;
using CommerceBus.Core.Bus;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Sends committed outbox rows and has each removed once the broker has confirmed it. Called right after a saga step
/// commits (the usual path, no polling delay) and by <see cref="OutboxSweeper"/> for rows left behind.
/// </summary>
/// <remarks>
/// <para>A sent row's removal rides the next saga write in this process (<see cref="TakeSent"/>: the
/// <c>DELETE</c>s go in that write's batch and transaction, no round trip or commit of their own); rows no write took
/// within <see cref="OutboxOptions.RemoveSentAloneAfter"/> (an idle hub) are removed by one coalesced <c>DELETE … IN</c> through the group
/// committer, and so are those whose carrying write failed. Until its removal is committed a sent row counts as in
/// flight, so this process's sweep does not send it again.</para>
/// <para>A failed or timed-out send is logged and its row stays: the sweep sends it again. A row sent but not removed
/// (the process stopped or the database went away before its removal committed: at most
/// <see cref="OutboxOptions.RemoveSentAloneAfter"/> plus a commit after its send) is sent again too, with the same message id; delivery is at least once, and receivers
/// are idempotent (the inbox, the endpoints' idempotency keys, the saga ignoring answers it has had).</para>
/// </remarks>
public sealed partial class OutboxDelivery(
    IOutboxSender sender,
    GroupCommitter committer,
    BusSendLimit limit,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDelivery> logger) : IAsyncDisposable, IDisposable
{
    private readonly TimeSpan _removeAloneAfter = options.Value.RemoveSentAloneAfter > TimeSpan.Zero ? options.Value.RemoveSentAloneAfter : TimeSpan.FromMilliseconds(200);

    /// <summary>The most removals one saga write carries (a sweep's hundreds of rows go in several).</summary>
    public const int MaxCarried = 32;

    // Being sent, or sent and not yet removed: the sweep leaves these alone.
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();
    private readonly RemovalBatch _removals = new();
    private bool _removing;

    // Sent, waiting for a write to carry their removal (all in _inFlight); guarded by _unremoved.
    private readonly List<Guid> _unremoved = [];
    private bool _removeAloneScheduled;

    /// <summary>Whether this process is sending the row now or has sent it and not yet removed it (so the sweep leaves it alone).</summary>
    public bool IsInFlight(Guid messageId) => _inFlight.ContainsKey(messageId);

    /// <summary>
    /// Sends <paramref name="messages"/> in order, stopping at the first failure (the rest keep their order for the
    /// sweep); the rows of those sent are removed by the next saga write or shortly after (see the remarks). Never throws
    /// for a failed send; returns how many were sent.
    /// </summary>
    public async Task<int> DeliverAsync(IReadOnlyList<OutboxMessageRecord> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        var claimed = messages.Where(m => _inFlight.TryAdd(m.MessageId, 0)).ToList();
        var sent = new List<Guid>(claimed.Count);
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(limit.Timeout);
            foreach (var message in claimed)
            {
                try
                {
                    // WaitAsync: a send on a channel the broker dropped can wait for a confirm that never comes.
                    await sender.SendAsync(message, bounded.Token).WaitAsync(bounded.Token);
                    sent.Add(message.MessageId);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogSendFailed(logger, ex, message.MessageType, message.MessageId, message.SagaId);
                    break;
                }
            }
        }
        finally
        {
            // The sent stay in flight until their removal commits; the others are the sweep's again.
            foreach (var message in claimed)
            {
                if (!sent.Contains(message.MessageId))
                {
                    _inFlight.TryRemove(message.MessageId, out _);
                }
            }

            LeaveForRemoval(sent);
        }

        return sent.Count;
    }

    /// <summary>
    /// Takes up to <see cref="MaxCarried"/> sent rows for a saga write to delete in its own batch and transaction, or
    /// null when none waits. The caller reports the outcome: <see cref="CarriedRemoved"/> once its write committed,
    /// <see cref="CarriedNotRemoved"/> when it did not (they are then removed on their own).
    /// </summary>
    public List<Guid>? TakeSent()
    {
        lock (_unremoved)
        {
            if (_unremoved.Count == 0)
            {
                return null;
            }

            var count = Math.Min(MaxCarried, _unremoved.Count);
            var taken = _unremoved.GetRange(_unremoved.Count - count, count);
            _unremoved.RemoveRange(_unremoved.Count - count, count);
            return taken;
        }
    }

    /// <summary>The write that carried <paramref name="ids"/> committed: their rows are gone.</summary>
    public void CarriedRemoved(List<Guid> ids)
    {
        foreach (var id in ids)
        {
            _inFlight.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// The write that carried <paramref name="ids"/> did not commit (a lost version check, a row another hub's sweep had
    /// removed already, the database away): they are removed on their own, by a statement that does not mind rows
    /// already gone, and never carried again.
    /// </summary>
    public void CarriedNotRemoved(List<Guid> ids)
    {
        using (ExecutionContext.SuppressFlow())
        {
            _ = RemoveAloneAsync(ids);
        }
    }

    /// <summary>Removes what still waits for a write (a stopping hub); the rest of what it sent the next start's sweep sends again.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Guid> left;
        lock (_unremoved)
        {
            left = [.. _unremoved];
            _unremoved.Clear();
        }

        if (left.Count > 0)
        {
            using var deadline = new CancellationTokenSource(limit.Timeout);
            try
            {
                await RemoveAsync(left, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                LogRemoveFailed(logger, null, left.Count);
            }
        }
    }

    /// <summary>Disposed synchronously (not the host's way), what still waits is left to the next start's sweep.</summary>
    public void Dispose()
    {
    }

    private void LeaveForRemoval(List<Guid> sent)
    {
        if (sent.Count == 0)
        {
            return;
        }

        bool schedule;
        lock (_unremoved)
        {
            _unremoved.AddRange(sent);
            schedule = !_removeAloneScheduled;
            _removeAloneScheduled = true;
        }

        if (schedule)
        {
            using (ExecutionContext.SuppressFlow())
            {
                _ = RemoveLeftAloneAsync();
            }
        }
    }

    // What no write took within RemoveSentAloneAfter. Armed only while sent rows wait, so an idle hub does no work.
    private async Task RemoveLeftAloneAsync()
    {
        await Task.Delay(_removeAloneAfter);
        List<Guid> left;
        lock (_unremoved)
        {
            left = [.. _unremoved];
            _unremoved.Clear();
            _removeAloneScheduled = false;
        }

        await RemoveAloneAsync(left);
    }

    private async Task RemoveAloneAsync(List<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await RemoveAsync(ids, CancellationToken.None);
        }
        finally
        {
            CarriedRemoved(ids);
        }
    }

    private async Task RemoveAsync(List<Guid> sent, CancellationToken cancellationToken)
    {
        if (sent.Count == 0)
        {
            return;
        }

        try
        {
            await JoinRemovalAsync(sent).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRemoveFailed(logger, ex, sent.Count);
        }
    }

    // Removals coalesce: the sent ids of steps that finish while a removal is running are removed together by the next
    // one, one DELETE … WHERE MessageId IN (…) for all of them, in a transaction it shares with what else commits then
    // (the group committer). Each caller still returns only once its own rows are removed (or their removal failed);
    // what a removal pays is a share of one statement instead of one of its own. The caller that finds no removal running
    // runs its own batch on its own thread; what gathered meanwhile is removed by one background loop until none waits.
    private async Task JoinRemovalAsync(List<Guid> sent)
    {
        Task own;
        bool run;
        lock (_removals)
        {
            _removals.Ids.AddRange(sent);
            own = _removals.Done.Task;
            run = !_removing;
            _removing = true;
        }

        if (run)
        {
            await RemoveWaitingBatchAsync();
            if (!StopIfNoneWaiting())
            {
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(DrainRemovalsAsync);
                }
            }
        }

        await own;
    }

    private async Task DrainRemovalsAsync()
    {
        do
        {
            await RemoveWaitingBatchAsync();
        }
        while (!StopIfNoneWaiting());
    }

    private bool StopIfNoneWaiting()
    {
        lock (_removals)
        {
            if (_removals.Ids.Count > 0)
            {
                return false;
            }

            _removing = false;
            return true;
        }
    }

    // Never throws: the batch's callers get the outcome.
    private async Task RemoveWaitingBatchAsync()
    {
        RemovalBatch batch;
        lock (_removals)
        {
            batch = _removals.Take();
        }

        try
        {
            var ids = batch.Ids;
            await committer.ExecuteAsync(
                (db, token) => db.OutboxMessages.Where(m => ids.Contains(m.MessageId)).ExecuteDeleteAsync(token),
                CancellationToken.None);
            batch.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            batch.Done.TrySetException(ex);
        }
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Outbox: sending {MessageType} {MessageId} of saga {SagaId} failed; its row stays and the outbox sweep sends it again")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string messageType, Guid messageId, Guid sagaId);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Outbox: {Count} message(s) were sent but their rows could not be removed; the sweep sends them again (receivers ignore the repeat)")]
    private static partial void LogRemoveFailed(ILogger logger, Exception? exception, int count);

    // The ids waiting for the next removal, and the task their callers wait on.
    private sealed class RemovalBatch
    {
        public List<Guid> Ids { get; private set; } = [];

        public TaskCompletionSource Done { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Takes the waiting ids and their callers' task, leaving a new empty batch.</summary>
        public RemovalBatch Take()
        {
            var taken = new RemovalBatch();
            (taken.Ids, Ids) = (Ids, taken.Ids);
            (taken.Done, Done) = (Done, taken.Done);
            return taken;
        }
    }
}
