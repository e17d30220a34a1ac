namespace CommerceBus.Routing.Matching;

/// <summary>A validated, compiled and immutable routing table; a reload builds a new one and swaps it whole.</summary>
internal sealed class RouteTable : IRoutingTable
{
    private static readonly RouteDecision UnroutableDecision = new([], [], IsDefault: false, Unroutable: true);

    private readonly CompiledRoute[] routes;

    public RouteTable(RoutingMode mode, CompiledRoute[] routes, IReadOnlyList<string>? defaultEndpoints)
    {
        Mode = mode;
        this.routes = routes;
        DefaultDecision = defaultEndpoints is null
            ? null
            : new RouteDecision(Array.AsReadOnly([RouteDecision.DefaultRouteName]), defaultEndpoints, IsDefault: true, Unroutable: false);
    }

    public RoutingMode Mode { get; }

    public IReadOnlyList<CompiledRoute> Routes => routes;

    public int RuleCount => routes.Length;

    public IReadOnlyList<string>? DefaultEndpoints => DefaultDecision?.Endpoints;

    public RouteExplanation Explain(RoutableMessage message) => RouteExplainer.Explain(this, message);

    /// <summary>The decision when no rule matches, or null when such a message is unroutable.</summary>
    public RouteDecision? DefaultDecision { get; }

    private RouteDecision NoMatch => DefaultDecision ?? UnroutableDecision;

    public RouteDecision Route(RoutableMessage message)
    {
        var typeName = TypeFilter.NameOf(message.MessageType);
        if (Mode == RoutingMode.Multicast)
        {
            return Multicast(message, typeName);
        }

        foreach (var route in routes)
        {
            if (route.IsMatch(message, typeName))
            {
                return route.Decision;
            }
        }

        return NoMatch;
    }

    private RouteDecision Multicast(RoutableMessage message, ReadOnlySpan<char> typeName)
    {
        // Lists are only allocated once a second rule matches; one match reuses that rule's prepared decision.
        CompiledRoute? first = null;
        List<string>? names = null;
        List<string>? endpoints = null;
        foreach (var route in routes)
        {
            if (!route.IsMatch(message, typeName))
            {
                continue;
            }

            if (first is null)
            {
                first = route;
                continue;
            }

            names ??= [first.Name];
            endpoints ??= [.. first.Endpoints];
            names.Add(route.Name);
            foreach (var endpoint in route.Endpoints)
            {
                if (!endpoints.Contains(endpoint))
                {
                    endpoints.Add(endpoint);
                }
            }
        }

        return first is null ? NoMatch
            : names is null ? first.Decision
            : new RouteDecision(names, endpoints!, IsDefault: false, Unroutable: false);
    }
}
