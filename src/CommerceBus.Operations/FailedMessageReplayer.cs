using System.Globalization;
using System.Text.Json;
using CommerceBus.Abstractions.Envelope;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Bus;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Pipeline;
using CommerceBus.Persistence;
using CommerceBus.Core.Scheduling;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using CommerceBus.Core.Failures;

namespace CommerceBus.Operations;

/// <summary>
/// The operator's actions on the failed-message store: retry (as stored or with an edited body), retry a group,
/// discard. Each is allowed once per failed message, and each is audited in the journal.
/// </summary>
/// <remarks>
/// A retry sends the command back to the dispatch queue for the one endpoint that failed, with its original message id
/// and headers and the same idempotency key, so an endpoint that applied it meanwhile does not again. A message the
/// journal shows as delivered to that endpoint since (recovery re-drove the step, or another retry got through) is
/// not sent: the answer is a conflict naming when it was delivered.
/// </remarks>
public sealed class FailedMessageReplayer(IDbContextFactory<HubDbContext> databases, IBus bus, BusSendLimit limit, JournalWriter journal, IScheduledMessageJobs jobs, IInboundGateway intake, TimeProvider clock)
{
    public async Task<ReplayOutcome> RetryAsync(long id, string? editedBody, string who, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.FailedMessages.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (record is null)
        {
            return ReplayOutcome.NotFound;
        }

        if (record.Status != FailedMessageStatus.Failed)
        {
            return ReplayOutcome.Conflict($"Failed message {id} was already {record.Status.ToLowerInvariant()} by {record.ResolvedBy} at {record.ResolvedAt:O}; it is not sent again.");
        }

        var kind = FailedMessageKind.Of(record);
        if (kind != FailedMessageKind.Delivery && editedBody is null)
        {
            return await RetryElsewhereAsync(db, record, kind, who, cancellationToken);
        }

        var (type, message, refusal) = Read(record, editedBody);
        if (refusal is not null)
        {
            return refusal;
        }

        var delivered = await db.Journal.AsNoTracking()
            .Where(e => e.TrackingId == record.TrackingId && e.MessageType == record.MessageType && e.Destination == record.Endpoint && e.Outcome == JournalOutcomes.Delivered)
            .OrderBy(e => e.Id)
            .Select(e => (DateTime?)e.CompletedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (delivered is not null)
        {
            return ReplayOutcome.Conflict($"{record.MessageType} for order {record.OrderNumber} was already delivered to {record.Endpoint} at {delivered:O}; it is not applied again. Discard failed message {id}.");
        }

        // The status changes only from Failed, in one statement: of two operators retrying at once, one wins.
        if (!await ResolveAsync(db, id, FailedMessageStatus.Retried, who, cancellationToken))
        {
            return ReplayOutcome.Conflict($"Failed message {id} was retried or discarded by someone else just now; it is not sent again.");
        }

        try
        {
            await SendAsync(record, type, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await db.FailedMessages.Where(f => f.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FailedMessageStatus.Failed).SetProperty(f => f.ResolvedAt, (DateTime?)null).SetProperty(f => f.ResolvedBy, (string?)null), CancellationToken.None);
            return new ReplayOutcome(ReplayOutcomeKind.Unavailable, Detail: $"Failed message {id} could not be sent to the dispatch queue ({ex.Message}); it stays failed, try again.");
        }

        var action = editedBody is null ? "retried" : "edited and retried";
        await AuditAsync(record, editedBody is null ? JournalOutcomes.Retried : JournalOutcomes.EditedAndRetried, who, $"failed message {id} {action} by {who}", cancellationToken);
        return ReplayOutcome.Done(new FailedMessageAction(id, FailedMessageStatus.Retried, $"sent again to {record.Endpoint}"));
    }

    /// <summary>
    /// Checks an edited body as <see cref="RetryAsync"/> would, sending nothing: null when it would be sent, else the
    /// refusal (<see cref="ReplayOutcomeKind.Invalid"/> with every bad field, or why the message cannot be edited).
    /// </summary>
    public async Task<ReplayOutcome?> CheckEditAsync(long id, string editedBody, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.FailedMessages.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return record is null ? ReplayOutcome.NotFound
            : record.Status != FailedMessageStatus.Failed ? ReplayOutcome.Conflict($"Failed message {id} was already {record.Status.ToLowerInvariant()}; it is not sent again.")
            : Read(record, editedBody).Refusal;
    }

    // The routed command to send again: as stored, or the operator's edit of it once it passes the contract's checks.
    private static (Type Type, object Message, ReplayOutcome? Refusal) Read(FailedMessageRecord record, string? editedBody)
    {
        var id = record.Id;
        var kind = FailedMessageKind.Of(record);
        if (kind != FailedMessageKind.Delivery)
        {
            return (typeof(object), record, ReplayOutcome.Conflict($"Failed message {id} is a {kind} failure; only a routed command can be edited. Retry it as stored, or discard it."));
        }

        if (!CanonicalTypes.TryResolve(record.MessageType, out var type) || !typeof(IOrderMessage).IsAssignableFrom(type) || record.Body is null)
        {
            return (typeof(object), record, ReplayOutcome.Conflict($"Failed message {id} ({record.MessageType}) is not a routed command with a stored body; it cannot be replayed, only discarded."));
        }

        var original = (IOrderMessage)CanonicalJson.Deserialize(record.Body, type)!;
        if (editedBody is null)
        {
            return (type, original, null);
        }

        var edited = EditedBodyValidator.TryRead(editedBody, type, original, out var errors);
        return edited is null
            ? (type, original, ReplayOutcome.Invalid($"The edited body is not a valid {record.MessageType}; nothing was sent.", errors))
            : (type, edited, null);
    }

    public async Task<RetryGroupResult> RetryGroupAsync(RetryGroupRequest group, string who, CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.FailedMessages.AsNoTracking()
                .Where(f => f.Status == FailedMessageStatus.Failed && f.ExceptionType == group.ExceptionType && f.Endpoint == group.Endpoint)
                .Where(f => group.Route == null || f.Route == group.Route)
                .Where(f => group.MessageType == null || f.MessageType == group.MessageType)
                .OrderBy(f => f.Id)
                .Select(f => f.Id)
                .ToListAsync(cancellationToken);
        }

        var retried = new List<FailedMessageAction>();
        var skipped = new List<FailedMessageAction>();
        foreach (var id in ids)
        {
            var outcome = await RetryAsync(id, null, who, cancellationToken);
            if (outcome.Action is { } action)
            {
                retried.Add(action);
            }
            else
            {
                skipped.Add(new FailedMessageAction(id, FailedMessageStatus.Failed, outcome.Detail ?? outcome.Kind.ToString()));
            }
        }

        return new RetryGroupResult(retried, skipped);
    }

    public async Task<ReplayOutcome> DiscardAsync(long id, string who, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.FailedMessages.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (record is null)
        {
            return ReplayOutcome.NotFound;
        }

        if (!await ResolveAsync(db, id, FailedMessageStatus.Discarded, who, cancellationToken))
        {
            var now = await db.FailedMessages.AsNoTracking().Where(f => f.Id == id).Select(f => f.Status).FirstAsync(cancellationToken);
            return ReplayOutcome.Conflict($"Failed message {id} was already {now.ToLowerInvariant()}; it cannot be discarded.");
        }

        if (FailedMessageKind.Of(record) == FailedMessageKind.SchedulerJob && JobIdOf(record) is { } jobId)
        {
            // The job stays Failed in Hangfire until deleted; deleted, it expires with the other finished jobs.
            jobs.Delete(jobId);
        }

        await AuditAsync(record, JournalOutcomes.Discarded, who, $"failed message {id} discarded by {who}", cancellationToken);
        return ReplayOutcome.Done(new FailedMessageAction(id, FailedMessageStatus.Discarded, "discarded; it will not be sent"));
    }

    // A message that failed on a hub queue goes back to that queue as it arrived; a failed scheduler job is requeued in
    // Hangfire (the same job, with its arguments). Either way the status moves Failed -> Retried first, and back if the
    // message cannot be handed over.
    private async Task<ReplayOutcome> RetryElsewhereAsync(HubDbContext db, FailedMessageRecord record, string kind, string who, CancellationToken cancellationToken)
    {
        var id = record.Id;
        Type? type = null;
        string? jobId = null;
        if (kind == FailedMessageKind.SchedulerJob)
        {
            jobId = JobIdOf(record);
            if (jobId is null)
            {
                return ReplayOutcome.Conflict($"Failed message {id} names no Hangfire job; it cannot be retried, only discarded.");
            }
        }
        else if (kind is FailedMessageKind.Error or FailedMessageKind.Skipped)
        {
            type = ReceivedEnvelope.TypeOf(record.MessageType);
            if (type is null || record.Body is null || record.Endpoint is null)
            {
                return ReplayOutcome.Conflict($"Failed message {id} ({record.MessageType}) is of no type this hub knows; it cannot be retried, only discarded.");
            }
        }
        else if (kind == FailedMessageKind.Intake)
        {
            if (!CanonicalTypes.TryResolve(record.MessageType, out type) || record.Body is null)
            {
                return ReplayOutcome.Conflict($"Failed message {id} ({record.MessageType}) is of no command type this hub knows; it cannot be retried, only discarded.");
            }
        }
        else
        {
            return ReplayOutcome.Conflict($"Failed message {id} is a {kind} failure, which this hub does not retry; discard it.");
        }

        if (!await ResolveAsync(db, id, FailedMessageStatus.Retried, who, cancellationToken))
        {
            return ReplayOutcome.Conflict($"Failed message {id} was retried or discarded by someone else just now; it is not sent again.");
        }

        string? problem = null;
        try
        {
            if (jobId is not null)
            {
                problem = jobs.Requeue(jobId) ? null : $"Hangfire has no job {jobId} any more";
            }
            else if (kind == FailedMessageKind.Intake)
            {
                problem = await SubmitAgainAsync(record, type!, cancellationToken);
            }
            else
            {
                await SendToQueueAsync(record, type!, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            await db.FailedMessages.Where(f => f.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FailedMessageStatus.Failed).SetProperty(f => f.ResolvedAt, (DateTime?)null).SetProperty(f => f.ResolvedBy, (string?)null), CancellationToken.None);
            return jobId is not null
                ? ReplayOutcome.Conflict($"Failed message {id} could not be retried ({problem}); discard it.")
                : new ReplayOutcome(ReplayOutcomeKind.Unavailable, Detail: $"Failed message {id} could not be sent to {record.Endpoint} ({problem}); it stays failed, try again.");
        }

        await AuditAsync(record, JournalOutcomes.Retried, who, $"failed message {id} retried by {who}", cancellationToken);
        return ReplayOutcome.Done(new FailedMessageAction(id, FailedMessageStatus.Retried, jobId is null ? $"sent again to {record.Endpoint}" : $"Hangfire job {jobId} requeued"));
    }

    private async Task SendToQueueAsync(FailedMessageRecord record, Type type, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize(record.Body!, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidOperationException($"the stored {record.MessageType} is empty");
        var headers = HeadersOf(record);
        var queue = new Uri($"queue:{record.Endpoint}");
        var endpoint = await bus.GetSendEndpoint(queue);
        await limit.WithinAsync(endpoint.Send(message, type, context =>
        {
            context.MessageId = record.MessageId;
            context.CorrelationId = record.TrackingId ?? context.CorrelationId;
            foreach (var (key, value) in headers.Where(h => !h.Key.StartsWith("MT-", StringComparison.OrdinalIgnoreCase)))
            {
                context.Headers.Set(key, value);
            }

            context.Headers.Set(RedeliveryHeaders.ReplayOf, record.Id.ToString(CultureInfo.InvariantCulture));
        }, cancellationToken), queue, cancellationToken);
    }

    // An intake message the hub kept answering "unavailable" goes through the inbound pipeline again, as if its client
    // had sent it now, with its original message id: the inbox makes an order that got in meanwhile a duplicate.
    private async Task<string?> SubmitAgainAsync(FailedMessageRecord record, Type type, CancellationToken cancellationToken)
    {
        var command = CanonicalJson.Deserialize(record.Body!, type)
            ?? throw new InvalidOperationException($"the stored {record.MessageType} is empty");
        var headers = HeadersOf(record);
        headers.Remove(InboundFailureRecorder.KeptInHeader);
        var result = await intake.SubmitAsync(new InboundMessage
        {
            Command = command,
            SourceAdapter = $"retry:{record.Endpoint}",
            MessageId = record.MessageId,
            CorrelationId = record.CorrelationId,
            Headers = headers,
        }, cancellationToken);
        return result.IsAccepted ? null : $"the hub answered {result.Outcome.ToString().ToLowerInvariant()}: {result.Detail}";
    }

    private static string? JobIdOf(FailedMessageRecord record) =>
        HeadersOf(record).TryGetValue(ScheduledJobHeaders.JobId, out var jobId) ? jobId : null;

    // The headers the failure was stored with (a JSON object of strings); none when it had none.
    private static Dictionary<string, string> HeadersOf(FailedMessageRecord record) => EnvelopeCodec.Deserialize(record.Headers);

    private async Task<bool> ResolveAsync(HubDbContext db, long id, string status, string who, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.FailedMessages
            .Where(f => f.Id == id && f.Status == FailedMessageStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, status).SetProperty(f => f.ResolvedAt, now).SetProperty(f => f.ResolvedBy, who), cancellationToken);
        return changed == 1;
    }

    private async Task SendAsync(FailedMessageRecord record, Type type, object message, CancellationToken cancellationToken)
    {
        var headers = HeadersOf(record);
        var dispatch = new Uri($"queue:{HubQueues.Dispatch}");
        var endpoint = await bus.GetSendEndpoint(dispatch);
        await limit.WithinAsync(endpoint.Send(message, type, context =>
        {
            context.MessageId = record.MessageId;
            context.CorrelationId = record.TrackingId ?? context.CorrelationId;
            foreach (var (key, value) in headers.Where(h => !RedeliveryHeaders.All.Contains(h.Key) && !h.Key.StartsWith("MT-", StringComparison.OrdinalIgnoreCase)))
            {
                context.Headers.Set(key, value);
            }

            context.Headers.Set(RedeliveryHeaders.Endpoint, record.Endpoint);
            context.Headers.Set(RedeliveryHeaders.ReplayOf, record.Id.ToString(CultureInfo.InvariantCulture));
        }, cancellationToken), dispatch, cancellationToken);
    }

    private Task AuditAsync(FailedMessageRecord record, string outcome, string who, string detail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var envelope = new Contracts.Envelope.MessageEnvelope
        {
            MessageId = record.MessageId,
            CorrelationId = record.CorrelationId ?? record.MessageId.ToString(),
            SourceAdapter = FailedMessageReader.AuditSource,
            MessageType = record.MessageType,
            ReceivedAt = now,
            Headers = new Dictionary<string, string> { [Contracts.Envelope.EnvelopeHeaders.ClientId] = who },
        };
        return journal.RecordAsync(
            JournalEntryFactory.Create(
                envelope,
                JournalDirection.Internal,
                outcome,
                now,
                orderNumber: record.OrderNumber,
                trackingId: record.TrackingId,
                route: record.Route,
                destination: record.Endpoint,
                detail: detail),
            cancellationToken);
    }
}
