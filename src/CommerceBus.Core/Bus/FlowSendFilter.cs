using CommerceBus.Abstractions.Diagnostics;
using MassTransit;

namespace CommerceBus.Core.Bus;

/// <summary>Writes the consumed message's flow headers onto every message sent while handling it, unless set already.</summary>
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

        foreach (var (name, value) in scope.Headers)
        {
            if (!context.Headers.TryGetHeader(name, out _))
            {
                context.Headers.Set(name, value);
            }
        }
    }
}
