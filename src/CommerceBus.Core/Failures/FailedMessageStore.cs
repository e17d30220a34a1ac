using CommerceBus.Abstractions.Envelope;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Scheduling;
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
            Headers = EnvelopeCodec.Serialize(failed.Headers),
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

    /// <summary>The header that names where an inbound adapter kept a message it gave up on (a retry from the store leaves it out).</summary>
    public const string KeptInHeader = "CommerceBus-Kept-In";

    /// <summary>A text cut to the length its column holds.</summary>
    public static string Trim(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>The type a stored <see cref="FailedMessageRecord.MessageType"/> names, to send the message again; null when this hub knows none.</summary>
    public static Type? TypeOf(string messageType)
    {
        if (CanonicalTypes.TryResolve(messageType, out var canonical))
        {
            return canonical;
        }

        try
        {
            return MessageTypeResolver.Resolve([messageType]);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
