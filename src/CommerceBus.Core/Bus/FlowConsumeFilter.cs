using CommerceBus.Abstractions.Envelope;
using MassTransit;

namespace CommerceBus.Core.Bus;

/// <summary>Reads the flow headers of a consumed message into its <see cref="FlowScope"/>.</summary>
public sealed class FlowConsumeFilter<T>(FlowScope scope) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        scope.Headers = EnvelopeCodec.FlowHeadersOf(context.Headers.GetAll());
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commercebus-flow");
}
