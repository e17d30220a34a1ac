namespace CommerceBus.Routing.Hosting;

/// <summary>The router the hub resolves: each call uses the table in force at that moment.</summary>
internal sealed class MessageRouter(IRoutingTableSource tables) : IMessageRouter
{
    public RouteDecision Route(RoutableMessage message) => tables.Current.Route(message);

    public RouteExplanation Explain(RoutableMessage message) => tables.Current.Explain(message);
}
