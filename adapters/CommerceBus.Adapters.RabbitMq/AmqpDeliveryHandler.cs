using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// Handles one delivery: translate, hand to the hub, then settle it with the broker. The message is acknowledged only
/// once the hub answered Accepted or Duplicate (the command is on disk); what the hub refuses is moved to the rejected
/// queue (published with a confirm, then acknowledged); what the hub cannot take now is tried again after a growing
/// pause in a delay queue, a bounded number of times, and then moved to the rejected queue too.
/// </summary>
internal sealed partial class AmqpDeliveryHandler(
    IInboundGateway gateway,
    IInboundFailureRecorder failures,
    IOptions<RabbitMqAdapterOptions> options,
    TimeProvider clock,
    ILogger<AmqpDeliveryHandler> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        // The order's trace starts here, or continues the publisher's when it sent a W3C traceparent header.
        using var activity = HubTelemetry.Start("amqp receive", ActivityKind.Consumer, TraceContext.Parse(TextHeader(delivery, TraceContext.TraceParent), TextHeader(delivery, TraceContext.TraceState)));
        activity?.SetTag(HubAttributes.Adapter, "amqp");
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", delivery.RoutingKey);
        try
        {
            await HandleOnceAsync(channel, delivery, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Settling failed: the channel closed under it, or a confirm never came. Hand the message back while the
            // channel can still take it; once the channel is gone the broker has put it back already.
            LogSettleFailed(logger, ex, delivery.BasicProperties.MessageId);
            try
            {
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
            }
            catch (Exception nack) when (nack is not OutOfMemoryException)
            {
                LogHandBackFailed(logger, delivery.BasicProperties.MessageId, nack.Message);
            }
        }
    }

    private async Task HandleOnceAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (AmqpAccess.Refusal(delivery.BasicProperties, settings) is { } refusal)
        {
            // No reply: the reply_to may be the very thing refused.
            await RejectAsync(channel, delivery, refusal, "Refused", null, cancellationToken);
            return;
        }

        var routingKey = AmqpRetries.RoutingKeyOf(delivery, settings);
        var translation = AmqpMessageTranslator.Translate(routingKey, delivery.BasicProperties, delivery.Body, settings.MaxMessageBytes);
        if (translation.Message is not { } message)
        {
            await RejectAsync(channel, delivery, translation.Rejection!, "Invalid", null, cancellationToken);
            await ReplyAsync(channel, delivery, new AmqpReply("Invalid", null, null, null, translation.Rejection!), cancellationToken);
            return;
        }

        InboundResult result;
        try
        {
            result = await gateway.SubmitAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never a reason to drop the message or stop consuming: it is tried again later, a bounded number of times.
            LogSubmitFailed(logger, ex, delivery.BasicProperties.MessageId);
            result = new InboundResult { Outcome = InboundOutcome.Unavailable, Detail = $"the hub failed to take the message ({ex.GetType().Name}: {ex.Message})" };
        }

        switch (result.Outcome)
        {
            case InboundOutcome.Accepted or InboundOutcome.Duplicate:
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
                break;
            case InboundOutcome.Unavailable when !result.Permanent:
                if (!await RetryOrGiveUpAsync(channel, delivery, message, result, cancellationToken))
                {
                    return;
                }

                break;
            default:
                // Refused for good, or "unavailable" for a reason that trying again does not change (no route): at once.
                await RejectAsync(channel, delivery, AmqpAnswers.ReasonOf(result), result.Outcome.ToString(), null, cancellationToken);
                break;
        }

        await ReplyAsync(channel, delivery, new AmqpReply(result.Outcome.ToString(), result.OrderNumber, result.TrackingId, result.Status, AmqpAnswers.ReasonOf(result)), cancellationToken);
    }

    /// <summary>
    /// A message the hub could not take now waits in a delay queue and is tried again, up to <c>UnavailableRetries</c>
    /// times; then it is recorded among the hub's failed messages and moved to the rejected queue. Returns whether it was
    /// given up (and the publisher should hear so).
    /// </summary>
    private async Task<bool> RetryOrGiveUpAsync(IChannel channel, BasicDeliverEventArgs delivery, InboundMessage message, InboundResult result, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tries = AmqpRetries.TriesOf(delivery, settings);
        tries.Add(new InboundAttempt(clock.GetUtcNow(), result.Detail));
        if (tries.Count <= settings.UnavailableRetries)
        {
            var delay = AmqpRetries.DelayBefore(tries.Count, settings);
            await PublishCopyAsync(channel, delivery, AmqpRetries.QueueOf(delay, settings), result.Detail, "Unavailable", tries, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            LogRetrying(logger, delivery.BasicProperties.MessageId, result.Detail, delay, tries.Count, settings.UnavailableRetries);
            return false;
        }

        var reason = $"the hub answered 'unavailable' {tries.Count} times: {result.Detail}";
        try
        {
            await failures.RecordAsync(
                new InboundFailure { Message = message, Source = settings.Queue, Reason = reason, KeptIn = settings.RejectedQueue, Attempts = tries },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Giving up means an operator can see it; while the hub cannot record it, it keeps going round at the longest delay.
            var delay = AmqpRetries.DelayBefore(settings.UnavailableRetries, settings);
            LogRecordFailed(logger, ex, delivery.BasicProperties.MessageId, delay);
            await PublishCopyAsync(channel, delivery, AmqpRetries.QueueOf(delay, settings), result.Detail, "Unavailable", tries, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            return false;
        }

        await RejectAsync(channel, delivery, reason, "Unavailable", tries, cancellationToken);
        return true;
    }

    /// <summary>Moves the message to the rejected queue: the same body and properties, plus the reason headers.</summary>
    private async Task RejectAsync(IChannel channel, BasicDeliverEventArgs delivery, string reason, string outcome, List<InboundAttempt>? tries, CancellationToken cancellationToken)
    {
        // With publisher confirms on the channel this returns once the broker has the copy; only then is the original acked.
        // A confirm that does not come in time leaves the original unacknowledged: it is handed back (see HandleAsync).
        await PublishCopyAsync(channel, delivery, options.Value.RejectedQueue, reason, outcome, tries, cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        LogRejected(logger, delivery.BasicProperties.MessageId, AmqpRetries.RoutingKeyOf(delivery, options.Value), reason);
    }

    /// <summary>Publishes a copy of the message to a queue (through the default exchange), with the reason headers, and waits for the confirm.</summary>
    private async Task PublishCopyAsync(IChannel channel, BasicDeliverEventArgs delivery, string queue, string reason, string outcome, List<InboundAttempt>? tries, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
        {
            [AmqpHeaders.Reason] = reason,
            [AmqpHeaders.Outcome] = outcome,
            [AmqpHeaders.RoutingKey] = AmqpRetries.RoutingKeyOf(delivery, settings),
            [AmqpHeaders.Exchange] = AmqpRetries.ExchangeOf(delivery, settings),
        };
        if (tries is not null)
        {
            headers[AmqpHeaders.Attempts] = AmqpRetries.Serialize(tries);
        }

        var properties = new BasicProperties(delivery.BasicProperties) { Headers = headers };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, delivery.Body, cancellationToken)
            .AsTask().WaitAsync(settings.PublishTimeout, cancellationToken);
    }

    /// <summary>Answers on <c>reply_to</c> when the publisher asked for it (AMQP's request-reply convention); most publishers do not.</summary>
    private async Task ReplyAsync(IChannel channel, BasicDeliverEventArgs delivery, AmqpReply reply, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(delivery.BasicProperties.ReplyTo))
        {
            return;
        }

        try
        {
            var properties = new BasicProperties
            {
                ContentType = "application/json",
                CorrelationId = delivery.BasicProperties.MessageId ?? delivery.BasicProperties.CorrelationId,
                AppId = "commercebus",
            };
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(reply, Json));

            // A confirm that never comes (the broker blocked the connection, say) would hold this consumer slot, and the
            // messages behind it, for as long as that lasts: past PublishTimeout the reply is given up.
            await channel.BasicPublishAsync("", delivery.BasicProperties.ReplyTo, mandatory: false, properties, body, cancellationToken)
                .AsTask().WaitAsync(options.Value.PublishTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reply is a courtesy: the message itself is settled already.
            LogReplyFailed(logger, ex, delivery.BasicProperties.ReplyTo);
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "AMQP message {MessageId} under '{RoutingKey}' rejected to the rejected queue: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? messageId, string routingKey, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "The hub could not take AMQP message {MessageId} now ({Detail}); trying it again in {Delay} (retry {Retry} of {Retries})")]
    private static partial void LogRetrying(ILogger logger, string? messageId, string detail, TimeSpan delay, int retry, int retries);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error, Message = "AMQP message {MessageId} is given up but could not be recorded among the failed messages; trying it again in {Delay}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string? messageId, TimeSpan delay);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Handing AMQP message {MessageId} to the hub failed; it is tried again later")]
    private static partial void LogSubmitFailed(ILogger logger, Exception exception, string? messageId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "AMQP message {MessageId} could not be settled with the broker; it is handed back to the queue")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string? messageId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "AMQP message {MessageId} could not be handed back ({Problem}); the broker redelivers it with the closed channel")]
    private static partial void LogHandBackFailed(ILogger logger, string? messageId, string problem);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Could not reply to '{ReplyTo}'")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception, string? replyTo);

    private static string? TextHeader(BasicDeliverEventArgs delivery, string name) =>
        delivery.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => null }
            : null;
}
