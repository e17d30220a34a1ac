using MassTransit;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Failures;

/// <summary>
/// In a hub queue's dead-letter pipe: a message no consumer of the queue takes is put in the failed-message store
/// instead of the queue's <c>_skipped</c> queue; only if the store cannot take it does it go there.
/// </summary>
internal sealed partial class SkippedMessageRecorder(FailedMessageStore store, TimeProvider clock, ILogger<SkippedMessageRecorder> logger) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var queue = QueueErrorRecorder.QueueOf(context);
        try
        {
            var envelope = ReceivedEnvelope.Read(context);
            var record = envelope.ToRecord(FailedMessageKind.Skipped, queue, $"no consumer on {queue} takes {envelope.MessageType}", clock.GetUtcNow().UtcDateTime);
            record.Attempts = 1;
            var id = await store.RecordAsync(record, CancellationToken.None);
            LogRecorded(logger, record.MessageType, queue, id);
            return;
        }
        catch (Exception ex)
        {
            LogNotRecorded(logger, ex, queue);
        }

        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("failedMessageStore");

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning, Message = "No consumer on {Queue} takes {MessageType}; it is failed message {FailedMessageId}")]
    private static partial void LogRecorded(ILogger logger, string messageType, string queue, long failedMessageId);

    [LoggerMessage(EventId = 1905, Level = LogLevel.Error, Message = "A message no consumer on {Queue} takes could not be put in the failed-message store; it goes to the _skipped queue")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string queue);
}
