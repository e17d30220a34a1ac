using System.Globalization;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using MassTransit;

namespace CommerceBus.Core.Bus;

/// <summary>Maps the canonical envelope onto MassTransit's headers and back.</summary>
/// <remarks>
/// MassTransit's own ids carry what they can (MessageId; InitiatorId is the causation), and the rest travels in
/// <see cref="EnvelopeHeaders"/>. The correlation id is a string because clients may supply any value.
/// </remarks>
public static class BusEnvelope
{
    public static MessageEnvelope FromConsumeContext(ConsumeContext context, object message, TimeProvider clock)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Headers.GetAll())
        {
            if (header.Key.StartsWith(EnvelopeHeaders.ClientHeaderPrefix, StringComparison.Ordinal) && header.Value is not null)
            {
                headers[header.Key[EnvelopeHeaders.ClientHeaderPrefix.Length..]] = header.Value.ToString()!;
            }
        }

        var messageId = context.MessageId ?? Guid.NewGuid();
        return new MessageEnvelope
        {
            MessageId = messageId,
            CorrelationId = context.Headers.Get<string>(EnvelopeHeaders.CorrelationId) ?? context.ConversationId?.ToString() ?? messageId.ToString(),
            CausationId = context.InitiatorId,
            SourceAdapter = context.Headers.Get<string>(EnvelopeHeaders.SourceAdapter) ?? "bus",
            MessageType = CanonicalTypes.VersionedNameOf(message.GetType()),
            ReceivedAt = clock.GetUtcNow(),
            Headers = headers,
        };
    }

    public static void Apply(SendContext context, MessageEnvelope envelope, Guid? instanceId)
    {
        context.MessageId = envelope.MessageId == Guid.Empty ? context.MessageId : envelope.MessageId;
        if (instanceId is not null)
        {
            context.CorrelationId = instanceId;
        }

        if (envelope.CausationId is not null)
        {
            context.InitiatorId = envelope.CausationId;
        }

        context.Headers.Set(EnvelopeHeaders.CorrelationId, envelope.CorrelationId);
        context.Headers.Set(EnvelopeHeaders.SourceAdapter, envelope.SourceAdapter);
        context.Headers.Set(EnvelopeHeaders.MessageType, envelope.MessageType);
        context.Headers.Set(EnvelopeHeaders.ReceivedAt, envelope.ReceivedAt.ToString("O", CultureInfo.InvariantCulture));
        foreach (var (name, value) in envelope.Headers)
        {
            context.Headers.Set(EnvelopeHeaders.ClientHeaderPrefix + name, value);
        }
    }
}
