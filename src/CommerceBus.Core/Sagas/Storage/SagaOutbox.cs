using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Envelope;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Bus;
using MassTransit;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Where a saga step publishes: each message becomes an <see cref="OutboxMessageRecord"/> staged in the step's
/// <see cref="SagaSideEffects"/>, so it is committed with the saga row or not at all. One per message scope.
/// </summary>
/// <remarks>
/// Publishing through the consume context instead would leave the message in MassTransit's in-memory outbox until after
/// the commit, and lose it if the process stopped (or the broker refused it) in between.
/// </remarks>
public sealed class SagaOutbox(SagaSideEffects effects, FlowScope flow, TimeProvider clock)
{
    private int _position;

    /// <summary>Stages <paramref name="message"/> (a CommerceBus contract) as published while handling <paramref name="context"/>.</summary>
    public void Publish(ConsumeContext context, Guid sagaId, object message)
    {
        var type = message.GetType();
        if (type.Assembly != typeof(CanonicalJson).Assembly)
        {
            throw new ArgumentException($"Only CommerceBus contracts go through the saga outbox; {type.FullName} is not one.", nameof(message));
        }

        var headers = new Dictionary<string, string>(flow.Headers, StringComparer.Ordinal);

        // The step's span, so a message the sweeper sends later still continues the order's trace.
        if (TraceContext.CurrentTraceParent() is { } traceParent)
        {
            headers[TraceContext.TraceParent] = traceParent;
        }

        effects.Publish(new OutboxMessageRecord
        {
            MessageId = NewId.NextGuid(),
            SagaId = sagaId,
            TrackingId = sagaId,
            ConversationId = context.ConversationId ?? context.MessageId,
            InitiatorId = context.MessageId,
            MessageType = type.FullName!,
            Body = CanonicalJson.Serialize(message),
            Headers = EnvelopeCodec.Serialize(headers),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Position = _position++,
            Staged = (message, headers),
        });
    }
}
