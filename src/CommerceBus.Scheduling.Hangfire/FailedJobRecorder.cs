using CommerceBus.Core.Scheduling;
using System.Globalization;
using System.Text.Json;
using CommerceBus.Core.Failures;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>
/// Puts a Hangfire job that failed every retry (its <see cref="FailedState"/> is applied once Hangfire's automatic retry
/// gives up) in the failed-message store, with the exception and the job's arguments, so an operator sees it beside
/// every other failure and can retry it (Hangfire requeues the same job) or discard it (the job is deleted).
/// </summary>
internal sealed partial class FailedJobRecorder(FailedMessageStore store, TimeProvider clock, ILogger<FailedJobRecorder> logger) : IApplyStateFilter
{
    /// <summary>The header of a scheduler job's failed message that names its Hangfire job.</summary>
    public const string JobIdHeader = ScheduledJobHeaders.JobId;

    /// <summary>The job parameter that remembers the failed message recorded for the job, so a retried job that fails again names it.</summary>
    public const string FailedMessageParameter = "CommerceBus-FailedMessageId";

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.NewState is not FailedState failed)
        {
            return;
        }

        var job = context.BackgroundJob;
        try
        {
            var connection = context.Connection;
            var retries = int.TryParse(connection.GetJobParameter(job.Id, "RetryCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;
            long? replayOf = long.TryParse(connection.GetJobParameter(job.Id, FailedMessageParameter), NumberStyles.Integer, CultureInfo.InvariantCulture, out var previous) ? previous : null;
            var data = job.Job?.Args.OfType<ScheduledMessageData>().FirstOrDefault();
            var headers = new Dictionary<string, string> { [JobIdHeader] = job.Id };
            if (data is not null)
            {
                headers["Destination"] = data.Destination;
                headers["PayloadType"] = string.Join(", ", data.PayloadType);
            }

            var exception = failed.Exception;
            // Hangfire calls filters synchronously on its worker thread; the store is async.
            var id = store.RecordAsync(new FailedMessageRecord
            {
                Kind = FailedMessageKind.SchedulerJob,
                MessageId = data?.MessageId ?? Guid.NewGuid(),
                CorrelationId = data?.CorrelationId?.ToString(),
                TrackingId = data?.CorrelationId,
                MessageType = job.Job is { } j ? $"{j.Type.Name}.{j.Method.Name}" : "unknown job",
                Endpoint = "hangfire",
                Reason = FailedMessageStore.Trim($"{exception.GetType().Name}: {exception.Message}", 2000),
                ExceptionType = exception.GetType().FullName,
                ExceptionMessage = FailedMessageStore.Trim(exception.Message, 4000),
                StackTrace = exception.ToString(),
                Body = job.Job is null ? null : JsonSerializer.Serialize(job.Job.Args),
                Headers = JsonSerializer.Serialize(headers),
                Attempts = retries + 1,
                FailedAt = clock.GetUtcNow().UtcDateTime,
                ReplayOf = replayOf,
            }, CancellationToken.None).GetAwaiter().GetResult();
            connection.SetJobParameter(job.Id, FailedMessageParameter, id.ToString(CultureInfo.InvariantCulture));
            LogRecorded(logger, job.Id, id);
        }
        catch (Exception ex)
        {
            // The job stays Failed in Hangfire (its dashboard shows it); only the store's copy is missing.
            LogNotRecorded(logger, ex, job.Id);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning, Message = "Scheduler job {JobId} failed every retry; it is failed message {FailedMessageId}")]
    private static partial void LogRecorded(ILogger logger, string jobId, long failedMessageId);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Error, Message = "Scheduler job {JobId} failed every retry and could not be put in the failed-message store; it stays Failed in Hangfire")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string jobId);
}
