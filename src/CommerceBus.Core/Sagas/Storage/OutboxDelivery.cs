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
            // One statement for the rows of this step, in a transaction it shares with what else commits now (other
            // steps' removals, the intake): under load the removals cost no commit of their own.
            await committer.ExecuteAsync(
                (db, token) => db.OutboxMessages.Where(m => sent.Contains(m.MessageId)).ExecuteDeleteAsync(token),
                cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRemoveFailed(logger, ex, sent.Count);
        }
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Outbox: sending {MessageType} {MessageId} of saga {SagaId} failed; its row stays and the outbox sweep sends it again")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string messageType, Guid messageId, Guid sagaId);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Outbox: {Count} message(s) were sent but their rows could not be removed; the sweep sends them again (receivers ignore the repeat)")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, int count);
}
