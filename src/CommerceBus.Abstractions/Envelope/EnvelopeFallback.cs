namespace CommerceBus.Abstractions.Envelope;

/// <summary>What a transport knows of a message besides its headers, used where the headers say nothing (see <see cref="EnvelopeCodec.FromHeaders"/>).</summary>
/// <param name="MessageId">The transport's message id (a new one when it has none).</param>
/// <param name="CausationId">The message that caused this one (MassTransit: the initiator id).</param>
/// <param name="CorrelationId">The flow id to assume when no correlation header came (MassTransit: the conversation id); else the message id.</param>
/// <param name="MessageType">The canonical type of the body the receiver holds; else the message-type header.</param>
/// <param name="ReceivedAt">When the message arrived, used when no received-at header came.</param>
/// <param name="SourceAdapter">The source to assume when no source header came; else <see cref="EnvelopeCodec.BusSource"/>.</param>
public sealed record EnvelopeFallback(
    Guid? MessageId,
    Guid? CausationId,
    string? CorrelationId,
    string? MessageType,
    DateTimeOffset ReceivedAt,
    string? SourceAdapter = null);
