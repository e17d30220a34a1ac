using MassTransit;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Publishes an outbox message on the hub's bus with the identity it was stored with: the same message id, tracking (MassTransit correlation),
/// conversation and initiator ids and envelope headers every time it is sent, so receivers can tell a repeat.
/// </summary>
/// <remarks>
/// It publishes through <see cref="IBus"/>, not a consume context, so the send is not deferred again by MassTransit's
/// in-memory outbox; on RabbitMQ the publish completes when the broker confirms it.
/// </remarks>
public sealed class BusOutboxSender(IBus bus) : IOutboxSender
{
    public Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var body = message.ReadMessage();
        var headers = message.ReadHeaders();
        return bus.Publish(body, body.GetType(), Pipe.Execute<PublishContext>(context =>
        {
            context.MessageId = message.MessageId;
            context.CorrelationId = message.TrackingId;
            context.ConversationId = message.ConversationId;
            context.InitiatorId = message.InitiatorId;
            foreach (var header in headers)
            {
                context.Headers.Set(header.Key, header.Value);
            }
        }), cancellationToken);
    }
}
