using CommerceBus.Core.Scheduling;
using System.Globalization;
using CommerceBus.Abstractions.Diagnostics;
using System.Text.Json;
using Hangfire;
using MassTransit;
using MassTransit.Scheduling;
using MassTransit.Serialization;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>
/// The scheduler end of MassTransit's scheduling seam: a <see cref="ScheduleMessage"/> becomes a Hangfire job that
/// sends the payload when due, with the envelope (message id, correlation, headers) the scheduling side gave it; a
/// <see cref="CancelScheduledMessage"/> deletes that job. Scheduling a token again replaces its job.
/// </summary>
public sealed partial class ScheduleMessageConsumer(
    IBackgroundJobClient jobs,
    JobStorage storage,
    ILogger<ScheduleMessageConsumer> logger) : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
{
    private const string JobIdField = "JobId";

    public Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var schedule = context.Message;
        var data = new ScheduledMessageData
        {
            Destination = schedule.Destination.ToString(),
            PayloadType = schedule.PayloadType,
            Body = schedule.Payload is JsonElement json ? json.GetRawText() : JsonSerializer.Serialize(schedule.Payload, SystemTextJsonMessageSerializer.Options),
            TokenId = schedule.CorrelationId,
            MessageId = context.MessageId,
            CorrelationId = context.CorrelationId,
            ConversationId = context.ConversationId,
            InitiatorId = context.InitiatorId,
            Headers = context.Headers.GetAll()
                .Where(h => h.Value is not null)
                .ToDictionary(h => h.Key, h => Convert.ToString(h.Value, CultureInfo.InvariantCulture) ?? ""),
        };

        // The trace the message continues when it is sent: the scheduling consumer's span, or the scheduler's sender's.
        if (TraceContext.CurrentTraceParent() is { } traceParent)
        {
            data.Headers[TraceContext.TraceParent] = traceParent;
            data.Headers.Remove(TraceContext.TraceState);
        }

        Delete(schedule.CorrelationId);
        var jobId = jobs.Schedule<ScheduledMessageJob>(job => job.SendAsync(data), new DateTimeOffset(DateTime.SpecifyKind(schedule.ScheduledTime, DateTimeKind.Utc)));
        using (var connection = storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            transaction.SetRangeInHash(KeyOf(schedule.CorrelationId), [new(JobIdField, jobId)]);
            transaction.Commit();
        }

        LogScheduled(logger, schedule.PayloadType.FirstOrDefault() ?? "?", schedule.Destination, schedule.ScheduledTime, jobId);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        if (Delete(context.Message.TokenId) is { } jobId)
        {
            LogCancelled(logger, jobId);
        }

        return Task.CompletedTask;
    }

    internal static string KeyOf(Guid tokenId) => $"commercebus-schedule:{tokenId:N}";

    private string? Delete(Guid tokenId)
    {
        using var connection = storage.GetConnection();
        var entries = connection.GetAllEntriesFromHash(KeyOf(tokenId));
        if (entries is null || !entries.TryGetValue(JobIdField, out var jobId))
        {
            return null;
        }

        jobs.Delete(jobId);
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(KeyOf(tokenId));
        transaction.Commit();
        return jobId;
    }

    [LoggerMessage(EventId = 1520, Level = LogLevel.Debug, Message = "Scheduled {MessageType} to {Destination} at {ScheduledTime:o} (job {JobId})")]
    private static partial void LogScheduled(ILogger logger, string messageType, Uri destination, DateTime scheduledTime, string jobId);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Debug, Message = "Cancelled scheduled job {JobId}")]
    private static partial void LogCancelled(ILogger logger, string jobId);
}
