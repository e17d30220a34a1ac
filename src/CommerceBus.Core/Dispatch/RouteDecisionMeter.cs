using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Routing;

namespace CommerceBus.Core.Dispatch;

/// <summary>Counts a routing decision (<c>commercebus.routing.decisions</c>) and names the route on the current span.</summary>
/// <remarks>Here rather than in the router, which stands on the contracts alone; its two callers are the intake and the order flow's step commands.</remarks>
internal static class RouteDecisionMeter
{
    public static RouteDecision Record(RouteDecision decision)
    {
        // The route names are rule names from configuration: a bounded label.
        var route = decision.Unroutable ? "unroutable" : string.Join(",", decision.Routes);
        HubTelemetry.RoutingDecisions.Add(1, new KeyValuePair<string, object?>(HubAttributes.Labels.Route, route));
        Activity.Current?.SetTag(HubAttributes.Route, route);
        return decision;
    }
}
