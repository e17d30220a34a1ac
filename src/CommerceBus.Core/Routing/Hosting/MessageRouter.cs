using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Core.Routing.Matching;

namespace CommerceBus.Core.Routing.Hosting;

/// <summary>The router the hub resolves: each call uses the table in force at that moment.</summary>
internal sealed class MessageRouter(RouteTableSource tables) : IMessageRouter
{
    public RouteDecision Route(RoutableMessage message)
    {
        var decision = tables.Current.Route(message);
        // The route names are rule names from configuration: a bounded label.
        var route = decision.Unroutable ? "unroutable" : string.Join(",", decision.Routes);
        HubTelemetry.RoutingDecisions.Add(1, new KeyValuePair<string, object?>(HubAttributes.Labels.Route, route));
        Activity.Current?.SetTag(HubAttributes.Route, route);
        return decision;
    }

    public RouteExplanation Explain(RoutableMessage message) => RouteExplainer.Explain(tables.Current, message);
}
