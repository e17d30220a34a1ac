using System.Text.Json;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Failures;

/// <summary>
/// Records a routed command that failed every retry (MassTransit publishes its <see cref="Fault{T}"/>) in the failed
/// messages table, with the reason and the message, so an operator can find it (<c>/odata/FailedMessages</c>). Endpoint
/// delivery failures do not get here (the dispatcher parks them itself); what does is a failure of the dispatcher
/// itself, such as a command no route takes.
/// </summary>
public sealed class FaultRecorder<T>(IDbContextFactory<HubDbContext> databases) : IConsumer<Fault<T>>
    where T : class
{
    public async Task Consume(ConsumeContext<Fault<T>> context)
    {
        var fault = context.Message;
        var last = fault.Exceptions.LastOrDefault();
        var headers = context.Headers.GetAll().Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value.ToString());
        await using var db = await databases.CreateDbContextAsync(context.CancellationToken);
        db.FailedMessages.Add(new FailedMessageRecord
        {
            Kind = FailedMessageKind.Delivery,
            MessageId = fault.FaultedMessageId ?? fault.FaultId,
            CorrelationId = context.Headers.Get<string>(EnvelopeHeaders.CorrelationId),
            MessageType = CanonicalTypes.VersionedNameOf(typeof(T)),
            Endpoint = context.SourceAddress?.AbsolutePath.Trim('/'),
            Reason = last is null ? "unknown" : $"{last.ExceptionType}: {last.Message}",
            ExceptionType = last?.ExceptionType,
            ExceptionMessage = last?.Message,
            StackTrace = last?.StackTrace,
            Body = CanonicalJson.Serialize(fault.Message),
            Headers = JsonSerializer.Serialize(headers),
            Attempts = context.Headers.Get<int>("MT-Fault-RetryCount") is { } retries ? retries + 1 : 0,
            FailedAt = fault.Timestamp.ToUniversalTime(),
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
