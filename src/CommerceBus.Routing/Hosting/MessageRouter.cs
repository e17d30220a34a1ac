using CommerceBus.Routing.Matching;

namespace CommerceBus.Routing.Hosting;

/// <summary>The router the hub resolves: each call uses the table in force at that moment.</summary>
internal sealed class MessageRouter(RouteTableSource tables) : IMessageRouter
{
    public RouteDecision Route(RoutableMessage message) => tables.Current.Route(message);

    public RouteExplanation Explain(RoutableMessage message) => RouteExplainer.Explain(tables.Current, message);
}
