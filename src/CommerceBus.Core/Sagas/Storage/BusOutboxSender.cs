using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
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
    public async Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        // Right after its step's commit the row still holds what it was made from: no JSON read back. The sweep's rows
        // come from the table and are read back.
        var (body, headers) = message.Staged ?? (message.ReadMessage(), message.ReadHeaders());

        // Sent after the step's commit, or by the sweeper long after: either way the send continues the trace of the
        // step that stored it (MassTransit's send span becomes a child of this one and carries it on).
        headers.TryGetValue(TraceContext.TraceParent, out var traceParent);
        var parent = TraceContext.Parse(traceParent);
        using var activity = parent == default || Activity.Current?.TraceId == parent.TraceId
            ? null
            : HubTelemetry.Start("outbox send", ActivityKind.Producer, parent);
        activity?.SetTag(HubAttributes.MessageType, message.MessageType);

        await bus.Publish(body, body.GetType(), Pipe.Execute<PublishContext>(context =>
        {
            context.MessageId = message.MessageId;
            context.CorrelationId = message.TrackingId;
            context.ConversationId = message.ConversationId;
            context.InitiatorId = message.InitiatorId;
            foreach (var header in headers.Where(h => h.Key != TraceContext.TraceParent))
            {
                context.Headers.Set(header.Key, header.Value);
            }
        }), cancellationToken);
    }
}
