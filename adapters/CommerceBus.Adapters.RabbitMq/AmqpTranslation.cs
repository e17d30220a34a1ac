using CommerceBus.Abstractions.Inbound;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>What the adapter made of one AMQP message: a message for the hub, or why it cannot be one.</summary>
internal sealed record AmqpTranslation(InboundMessage? Message, string? Rejection)
{
    public static AmqpTranslation Accept(InboundMessage message) => new(message, null);

    public static AmqpTranslation Reject(string reason) => new(null, reason);
}
