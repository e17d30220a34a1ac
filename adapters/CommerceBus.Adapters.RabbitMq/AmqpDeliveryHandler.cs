using System.Text;
using System.Text.Json;
using CommerceBus.Abstractions.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// Handles one delivery: translate, hand to the hub, then settle it with the broker. The message is acknowledged only
/// once the hub answered Accepted or Duplicate (the command is on disk); what the hub refuses is moved to the rejected
/// queue (published with a confirm, then acknowledged); what the hub cannot take now is handed back after a pause.
/// </summary>
internal sealed partial class AmqpDeliveryHandler(IInboundGateway gateway, IOptions<RabbitMqAdapterOptions> options, ILogger<AmqpDeliveryHandler> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
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
        var translation = AmqpMessageTranslator.Translate(delivery.RoutingKey, delivery.BasicProperties, delivery.Body, settings.MaxMessageBytes);
        if (translation.Message is not { } message)
        {
            await RejectAsync(channel, delivery, translation.Rejection!, "Invalid", cancellationToken);
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
            // Never a reason to drop the message or stop consuming: it goes back to the queue and is tried again.
            LogSubmitFailed(logger, ex, delivery.BasicProperties.MessageId);
            result = new InboundResult { Outcome = InboundOutcome.Unavailable, Detail = "the hub failed to take the message" };
        }

        switch (result.Outcome)
        {
            case InboundOutcome.Accepted or InboundOutcome.Duplicate:
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
                break;
            case InboundOutcome.Unavailable:
                LogUnavailable(logger, delivery.BasicProperties.MessageId, result.Detail);
                await Task.Delay(settings.UnavailableBackoff, cancellationToken);
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken);
                return;
            default:
                await RejectAsync(channel, delivery, AmqpAnswers.ReasonOf(result), result.Outcome.ToString(), cancellationToken);
                break;
        }

        await ReplyAsync(channel, delivery, new AmqpReply(result.Outcome.ToString(), result.OrderNumber, result.TrackingId, result.Status, AmqpAnswers.ReasonOf(result)), cancellationToken);
    }

    /// <summary>Moves the message to the rejected queue: the same body and properties, plus the reason headers.</summary>
    private async Task RejectAsync(IChannel channel, BasicDeliverEventArgs delivery, string reason, string outcome, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var properties = new BasicProperties(delivery.BasicProperties)
        {
            Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
            {
                [AmqpHeaders.Reason] = reason,
                [AmqpHeaders.Outcome] = outcome,
                [AmqpHeaders.RoutingKey] = delivery.RoutingKey,
                [AmqpHeaders.Exchange] = delivery.Exchange,
            },
        };

        // With publisher confirms on the channel this returns once the broker has the copy; only then is the original acked.
        // A confirm that does not come in time leaves the original unacknowledged: it is handed back (see HandleAsync).
        await channel.BasicPublishAsync("", settings.RejectedQueue, mandatory: true, properties, delivery.Body, cancellationToken)
            .AsTask().WaitAsync(settings.PublishTimeout, cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        LogRejected(logger, delivery.BasicProperties.MessageId, delivery.RoutingKey, reason);
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
            await channel.BasicPublishAsync("", delivery.BasicProperties.ReplyTo, mandatory: false, properties, body, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reply is a courtesy: the message itself is settled already.
            LogReplyFailed(logger, ex, delivery.BasicProperties.ReplyTo);
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "AMQP message {MessageId} under '{RoutingKey}' rejected to the rejected queue: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? messageId, string routingKey, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "The hub could not take AMQP message {MessageId} now ({Detail}); it goes back to the queue")]
    private static partial void LogUnavailable(ILogger logger, string? messageId, string detail);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Handing AMQP message {MessageId} to the hub failed; it goes back to the queue")]
    private static partial void LogSubmitFailed(ILogger logger, Exception exception, string? messageId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "AMQP message {MessageId} could not be settled with the broker; it is handed back to the queue")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string? messageId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "AMQP message {MessageId} could not be handed back ({Problem}); the broker redelivers it with the closed channel")]
    private static partial void LogHandBackFailed(ILogger logger, string? messageId, string problem);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Could not reply to '{ReplyTo}'")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception, string? replyTo);
}
