using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;

namespace CommerceBus.Core.Pipeline;

/// <summary>Puts the command into the canonical envelope: ids, source, type and time, whatever the wire supplied.</summary>
internal sealed class NormalizeStep(TimeProvider clock) : IInboundStep
{
    public Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        var message = context.Message;
        var messageId = message.MessageId ?? Guid.NewGuid();
        context.Envelope = new MessageEnvelope
        {
            MessageId = messageId,
            CorrelationId = string.IsNullOrWhiteSpace(message.CorrelationId) ? messageId.ToString() : message.CorrelationId,
            SourceAdapter = message.SourceAdapter,
            MessageType = CanonicalTypes.VersionedNameOf(message.Command.GetType()),
            ReceivedAt = clock.GetUtcNow(),
            Headers = message.Headers,
        };
        return next(context);
    }
}
