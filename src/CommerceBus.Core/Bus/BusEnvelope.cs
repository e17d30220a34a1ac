using CommerceBus.Abstractions.Envelope;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using MassTransit;

namespace CommerceBus.Core.Bus;

/// <summary>The canonical envelope on MassTransit: its own ids carry what they can, <see cref="EnvelopeCodec"/> the rest.</summary>
/// <remarks>
/// MessageId is the envelope's message id and InitiatorId its causation; MassTransit's CorrelationId is the order's
/// tracking id (the saga instance), never the client's correlation id, which travels as a header.
/// </remarks>
public static class BusEnvelope
{
    /// <exception cref="EnvelopeFormatException">An envelope header is garbled (the message then fails with that reason).</exception>
    public static MessageEnvelope FromConsumeContext(ConsumeContext context, object message, TimeProvider clock) =>
        EnvelopeCodec.FromHeaders(
            context.Headers.GetAll(),
            new EnvelopeFallback(context.MessageId, context.InitiatorId, context.ConversationId?.ToString(), CanonicalTypes.VersionedNameOf(message.GetType()), clock.GetUtcNow()));

    /// <summary>Writes <paramref name="envelope"/> onto a message being sent, with the order's tracking id (the saga instance), if any.</summary>
    public static void Apply(SendContext context, MessageEnvelope envelope, Guid? trackingId)
    {
        context.MessageId = envelope.MessageId == Guid.Empty ? context.MessageId : envelope.MessageId;
        if (trackingId is not null)
        {
            context.CorrelationId = trackingId;
        }

        if (envelope.CausationId is not null)
        {
            context.InitiatorId = envelope.CausationId;
        }

        foreach (var (name, value) in EnvelopeCodec.ToHeaders(envelope))
        {
            context.Headers.Set(name, value);
        }
    }
}
