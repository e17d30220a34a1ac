using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Logging;

using CommerceBus.Core.Bus;

namespace CommerceBus.Transports.RabbitMq;

/// <summary>
/// Stops waiting for a message whose RabbitMQ channel the broker has closed once its handling has run longer than
/// <see cref="RabbitMqBusOptions.SendTimeout"/>, so that its receive endpoint can start consuming again.
/// </summary>
/// <remarks>
/// MassTransit restarts a receive endpoint after a broker restart only once every message in flight on the old channel
/// has finished. One send stuck waiting for a confirm that never comes (see <see cref="BusSendLimit"/>) therefore kept
/// a whole endpoint (the saga's, the scheduler's) without a consumer for good. Nothing is lost by letting go: the broker
/// has already put the message back on its queue when the channel closed, and it is delivered again, on the new
/// channel, to handlers that are idempotent. While the channel is open the filter only waits; the hub adds it on RabbitMQ only
/// (the in-memory bus has no channel, and a hub without a broker then never loads RabbitMQ.Client).
/// </remarks>
public sealed partial class OrphanedDeliveryFilter(TimeSpan limit, ILogger<OrphanedDeliveryFilter> logger) : IFilter<ConsumeContext>
{
    public void Probe(ProbeContext context) => context.CreateFilterScope("orphanedDelivery");

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var handling = next.Send(context);
        if (handling.IsCompleted || !context.ReceiveContext.TryGetPayload<ChannelContext>(out var channel))
        {
            await handling;
            return;
        }

        while (true)
        {
            try
            {
                await handling.WaitAsync(limit);
                return;
            }
            catch (TimeoutException) when (!handling.IsCompleted && channel.Channel.IsClosed)
            {
                break;
            }
            catch (TimeoutException) when (!handling.IsCompleted)
            {
                // Still on an open channel: a slow handler, not an orphan. Keep waiting.
            }
        }

        _ = handling.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        LogOrphaned(logger, context.MessageId, context.ReceiveContext.InputAddress, limit.TotalSeconds);

        // A message no consumer has finished with must not look handled: MassTransit would move it to _skipped.
        if (!context.ReceiveContext.IsDelivered)
        {
            throw new TimeoutException(
                $"Message {context.MessageId} was still being handled {limit.TotalSeconds:0.#} s after the broker closed its channel; the broker delivers it again.");
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Message {MessageId} on {InputAddress} was still being handled {Seconds} s after the broker closed its channel; the endpoint stops waiting for it so that it can reconnect, and the broker delivers the message again")]
    private static partial void LogOrphaned(ILogger logger, Guid? messageId, Uri inputAddress, double seconds);
}
