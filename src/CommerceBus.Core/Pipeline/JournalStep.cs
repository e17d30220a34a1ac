using System.Data.Common;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Journal;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// Journals the command with its outcome and commits it together with whatever the acceptor changed, so an accepted
/// command is on disk before the client hears "accepted". Refusals are journaled too.
/// </summary>
/// <remarks>
/// The commit is a group commit (<see cref="GroupCommitter"/>): commands committing at the same time share one
/// transaction, and this step returns only once that transaction has committed. When a shared transaction fails, the
/// failure may be another command's: the steps run again and the command is committed on its own, exactly as if it had
/// never been grouped, so a bad neighbour refuses nothing but itself.
/// </remarks>
internal sealed partial class JournalStep(GroupCommitter committer, TimeProvider clock, ILogger<JournalStep> logger) : IInboundStep
{
    public async Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        var grouped = true;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (StorageUnavailable(ex) && !context.CancellationToken.IsCancellationRequested)
            {
                // The inbox or the acceptor could not read the database (it is away, or refuses connections): refuse
                // clearly, as for a failed commit, instead of letting the adapter answer a bare 500.
                LogCommitFailed(logger, ex, context.Envelope.MessageType, context.OrderNumber);
                context.ShouldDispatch = false;
                context.Result = Unavailable(context);
                return;
            }

            // Staged in the request's own unit of work: committed with what the acceptor changed, or not at all.
            JournalWriter.Stage(context.Db, Entry(context));
            try
            {
                if (grouped)
                {
                    await committer.CommitAsync(context.Db, context.CancellationToken);
                }
                else
                {
                    await context.Db.SaveChangesAsync(context.CancellationToken);
                }

                return;
            }
            catch (GroupCommitFailedException ex)
            {
                // Nothing of this command was written, and the failure may be a neighbour's: start again, alone. This
                // is not an attempt of its own (a collision on its own commit still gets its one retry).
                LogGroupCommitRetried(logger, context.Envelope.MessageType, context.OrderNumber, ex.BatchSize);
                grouped = false;
                attempt--;
                context.Db.ChangeTracker.Clear();
                context.Result = null;
                context.ShouldDispatch = false;
                context.IsRetry = true;
            }
            catch (DbUpdateException ex) when (attempt == 1)
            {
                // The order number or the message id is taken already (the first run reads neither: a key decides at
                // the commit), or the same order arrived twice at once and the other one committed first: run the steps
                // again, reading this time, and the inbox or the acceptor now sees it (a duplicate or a conflict).
                LogCommitRetried(logger, context.Envelope.MessageType, context.OrderNumber, ex.InnerException?.Message ?? ex.Message);
                context.Db.ChangeTracker.Clear();
                context.Result = null;
                context.ShouldDispatch = false;
                context.IsRetry = true;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException || StorageUnavailable(ex))
            {
                LogCommitFailed(logger, ex, context.Envelope.MessageType, context.OrderNumber);
                context.ShouldDispatch = false;
                context.Result = Unavailable(context);
                return;
            }
        }
    }

    /// <summary>A failure of the database itself (connection refused or lost, retries exhausted), not of the request.</summary>
    private static bool StorageUnavailable(Exception ex) =>
        ex is DbException or RetryLimitExceededException or TimeoutException || (ex is DbUpdateException { InnerException: DbException });

    private static InboundResult Unavailable(InboundContext context) => new()
    {
        Outcome = InboundOutcome.Unavailable,
        OrderNumber = context.OrderNumber,
        Detail = "The hub's storage is unavailable just now; nothing was accepted. Retry later with the same order.",
    };

    private JournalEntry Entry(InboundContext context)
    {
        var result = context.Result ?? throw new InvalidOperationException("The pipeline ended without a result.");
        return JournalEntryFactory.Create(
            context.Envelope,
            JournalDirection.Inbound,
            OutcomeOf(result.Outcome),
            clock.GetUtcNow().UtcDateTime,
            orderNumber: result.OrderNumber ?? context.OrderNumber,
            trackingId: result.TrackingId,
            route: context.Route is { } route ? string.Join(",", route.Routes) : null,
            destination: context.Route is { } r && context.ShouldDispatch ? string.Join(",", r.Endpoints) : null,
            detail: result.Detail,
            duration: context.Elapsed);
    }

    private static string OutcomeOf(InboundOutcome outcome) => outcome switch
    {
        InboundOutcome.Accepted => JournalOutcomes.Accepted,
        InboundOutcome.Duplicate => JournalOutcomes.Duplicate,
        InboundOutcome.Invalid => JournalOutcomes.Rejected,
        InboundOutcome.Conflict => JournalOutcomes.Conflict,
        InboundOutcome.NotFound => JournalOutcomes.NotFound,
        _ => JournalOutcomes.Unavailable,
    };

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Commit of {MessageType} for order {OrderNumber} collided with a stored order or message id ({Problem}); running the steps again to answer it")]
    private static partial void LogCommitRetried(ILogger logger, string messageType, string? orderNumber, string problem);

    [LoggerMessage(EventId = 9301, Level = LogLevel.Debug, Message = "{MessageType} for order {OrderNumber} was in a shared transaction of {BatchSize} that failed; running the steps again and committing it on its own")]
    private static partial void LogGroupCommitRetried(ILogger logger, string messageType, string? orderNumber, int batchSize);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Could not read or commit {MessageType} for order {OrderNumber} (storage unavailable); answered 'unavailable'")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string messageType, string? orderNumber);
}
