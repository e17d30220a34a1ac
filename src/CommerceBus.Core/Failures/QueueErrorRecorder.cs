using MassTransit;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Failures;

/// <summary>
/// In a hub queue's error pipe (the saga's, the scheduler's): a message its consumer failed for good, after the
/// endpoint's retries, is put in the failed-message store with the exception, instead of the queue's <c>_error</c>
/// queue, so an operator finds it with every other failure and can send it back to its queue. Only if the store cannot
/// take it does it go on to the <c>_error</c> queue, as MassTransit would move it.
/// </summary>
internal sealed partial class QueueErrorRecorder(FailedMessageStore store, int attempts, TimeProvider clock, ILogger<QueueErrorRecorder> logger) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var queue = QueueOf(context);
        try
        {
            var envelope = ReceivedEnvelope.Read(context);
            var exception = context.Exception;
            var record = envelope.ToRecord(FailedMessageKind.Error, queue, $"{exception.GetType().Name}: {exception.Message}", clock.GetUtcNow().UtcDateTime);
            record.ExceptionType = exception.GetType().FullName;
            record.ExceptionMessage = FailedMessageStore.Trim(exception.Message, 4000);
            record.StackTrace = exception.ToString();
            record.Attempts = attempts;
            var id = await store.RecordAsync(record, CancellationToken.None);
            LogRecorded(logger, record.MessageType, queue, id, exception.Message);
            return;
        }
        catch (Exception ex)
        {
            LogNotRecorded(logger, ex, queue);
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("failedMessageStore");

    internal static string QueueOf(ReceiveContext context) => context.InputAddress.AbsolutePath.Trim('/').Split('/').Last();

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "{MessageType} failed for good on {Queue}; it is failed message {FailedMessageId}: {Reason}")]
    private static partial void LogRecorded(ILogger logger, string messageType, string queue, long failedMessageId, string reason);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Error, Message = "A message that failed for good on {Queue} could not be put in the failed-message store; it goes to the _error queue")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string queue);
}
