using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Dispatch;
using CommerceBus.Routing;

namespace CommerceBus.Core.Pipeline;

/// <summary>Asks the content-based router where the command goes; a command no route takes is not accepted.</summary>
internal sealed class RouteStep(IMessageRouter router) : IInboundStep
{
    public Task InvokeAsync(InboundContext context, InboundStepDelegate next)
    {
        var message = new RoutableMessage(context.Envelope.MessageType, context.Envelope.Headers, CanonicalJson.ToElement(context.Command));
        var decision = RouteDecisionMeter.Record(router.Route(message));
        context.Route = decision;
        if (decision.Unroutable)
        {
            context.Result = new InboundResult
            {
                Outcome = InboundOutcome.Unavailable,
                Permanent = true,
                Detail = $"No route takes {context.Envelope.MessageType}; the hub's routing configuration needs a rule for it.",
            };
            return Task.CompletedTask;
        }

        return next(context);
    }
}
