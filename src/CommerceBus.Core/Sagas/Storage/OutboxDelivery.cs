using System.Collections.Concurrent;
using CommerceBus.Core.Bus;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Sends committed outbox rows and removes each once the broker has confirmed it. Called right after a saga step
/// commits (the usual path, no polling delay) and by <see cref="OutboxSweeper"/> for rows left behind.
/// </summary>
/// <remarks>
/// A failed or timed-out send is logged and its row stays: the sweep sends it again. A row sent but not removed (the
/// database went away just then) is sent again too, with the same message id; delivery is at least once, and receivers
/// are idempotent (the inbox, the endpoints' idempotency keys, the saga ignoring answers it has had).
/// </remarks>
public sealed partial class OutboxDelivery(
    IOutboxSender sender,
    GroupCommitter committer,
    BusSendLimit limit,
    ILogger<OutboxDelivery> logger)
{
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();
    private readonly RemovalBatch _removals = new();
    private bool _removing;

    /// <summary>Whether this process is sending the row now (so the sweep leaves it alone).</summary>
    public bool IsInFlight(Guid messageId) => _inFlight.ContainsKey(messageId);

    /// <summary>
    /// Sends <paramref name="messages"/> in order, stopping at the first failure (the rest keep their order for the
    /// sweep), then removes the rows of those sent. Never throws for a failed send; returns how many were sent.
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

            await RemoveAsync(sent, cancellationToken);
        }
        finally
        {
            foreach (var message in claimed)
            {
                _inFlight.TryRemove(message.MessageId, out _);
            }
        }

        return sent.Count;
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
    // what a step pays is a share of one statement instead of one of its own. The caller that finds no removal running
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
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, int count);

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
