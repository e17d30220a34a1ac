using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Contracts.Envelope;
using MassTransit;

namespace CommerceBus.Core.Bus;

/// <summary>Writes the consumed message's envelope headers onto every message sent while handling it, unless set already.</summary>
public sealed class FlowSendFilter<T>(FlowScope scope) : IFilter<SendContext<T>>, IFilter<PublishContext<T>>
    where T : class
{
    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        Apply(context);
        return next.Send(context);
    }

    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        Apply(context);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("commercebus-flow");

    private void Apply(SendContext context)
    {
        // MassTransit carries the trace in its own header (MT-Activity-Id); the W3C one is for everyone else on the broker.
        if (TraceContext.CurrentTraceParent() is { } traceParent)
        {
            context.Headers.Set(TraceContext.TraceParent, traceParent);
        }

        if (scope.CorrelationId is not null && !context.Headers.TryGetHeader(EnvelopeHeaders.CorrelationId, out _))
        {
            context.Headers.Set(EnvelopeHeaders.CorrelationId, scope.CorrelationId);
        }

        if (scope.SourceAdapter is not null && !context.Headers.TryGetHeader(EnvelopeHeaders.SourceAdapter, out _))
        {
            context.Headers.Set(EnvelopeHeaders.SourceAdapter, scope.SourceAdapter);
        }

        foreach (var header in scope.ClientHeaders)
        {
            if (!context.Headers.TryGetHeader(header.Key, out _))
            {
                context.Headers.Set(header.Key, header.Value);
            }
        }
    }
}
