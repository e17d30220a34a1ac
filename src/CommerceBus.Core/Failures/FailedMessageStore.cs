using System.Text.Json;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Failures;

/// <summary>Parks a routed command that failed every attempt its endpoint's retry policy allows, with all an operator needs.</summary>
public sealed class FailedMessageStore(IDbContextFactory<HubDbContext> databases, TimeProvider clock)
{
    public async Task<long> RecordAsync(FailedDelivery failed, CancellationToken cancellationToken)
    {
        var last = failed.LastException;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = new FailedMessageRecord
        {
            Kind = failed.Kind,
            MessageId = failed.Envelope.MessageId,
            CorrelationId = failed.Envelope.CorrelationId,
            MessageType = failed.Envelope.MessageType,
            Endpoint = failed.Endpoint,
            Route = failed.Route,
            OrderNumber = failed.OrderNumber,
            TrackingId = failed.TrackingId,
            Reason = Trim($"{last.GetType().Name}: {last.Message}", 2000),
            ExceptionType = last.GetType().FullName,
            ExceptionMessage = Trim(last.Message, 4000),
            StackTrace = last.ToString(),
            Body = CanonicalJson.Serialize(failed.Command),
            Headers = JsonSerializer.Serialize(failed.Headers),
            Attempts = failed.Attempts.Count,
            AttemptHistory = RedeliveryHeaders.Serialize(failed.Attempts),
            FailedAt = clock.GetUtcNow().UtcDateTime,
            ReplayOf = failed.ReplayOf,
        };
        db.FailedMessages.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    /// <summary>Parks a failure of another kind (<see cref="FailedMessageKind"/>) its source has described in full.</summary>
    public async Task<long> RecordAsync(FailedMessageRecord record, CancellationToken cancellationToken)
    {
        record.Kind ??= FailedMessageKind.Delivery;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.FailedMessages.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    internal static string Trim(string text, int max) => text.Length > max ? text[..max] : text;
}
