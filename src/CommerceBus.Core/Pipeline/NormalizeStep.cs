using CommerceBus.Abstractions.Envelope;

namespace CommerceBus.Core.Pipeline;

/// <summary>Puts the command into the canonical envelope: ids, source, type and time, whatever the wire supplied.</summary>
internal sealed class NormalizeStep(TimeProvider clock) : IInboundStep
{
    public Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        context.Envelope = EnvelopeCodec.FromInbound(context.Message, clock.GetUtcNow());
        return next(context);
    }
}
