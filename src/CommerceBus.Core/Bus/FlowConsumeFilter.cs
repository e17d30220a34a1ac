using CommerceBus.Contracts.Envelope;
using MassTransit;

namespace CommerceBus.Core.Bus;

/// <summary>Reads the envelope headers of a consumed message into its <see cref="FlowScope"/>.</summary>
public sealed class FlowConsumeFilter<T>(FlowScope scope) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        scope.CorrelationId = context.Headers.Get<string>(EnvelopeHeaders.CorrelationId);
        scope.SourceAdapter = context.Headers.Get<string>(EnvelopeHeaders.SourceAdapter);
        scope.ClientHeaders = [.. context.Headers.GetAll().Where(h => h.Key.StartsWith(EnvelopeHeaders.ClientHeaderPrefix, StringComparison.Ordinal))];
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commercebus-flow");
}
