namespace CommerceBus.Routing.Matching;

/// <summary>Evaluates every rule of a table against a message, without short-cuts, and says why each did or did not match.</summary>
internal static class RouteExplainer
{
    public static RouteExplanation Explain(RouteTable table, RoutableMessage message)
    {
        var decision = table.Route(message);
        var typeName = TypeFilter.NameOf(message.MessageType).ToString();
        var rules = new List<RuleExplanation>(table.Routes.Count);
        var reached = true;
        foreach (var route in table.Routes)
        {
            var rule = Explain(route, message, typeName, reached);
            rules.Add(rule);
            if (rule.Matched && table.Mode == RoutingMode.FirstMatch)
            {
                reached = false;
            }
        }

        return new RouteExplanation(message.MessageType, table.Mode, decision.Routes, decision.Endpoints, decision.IsDefault, decision.Unroutable, rules);
    }

    private static RuleExplanation Explain(CompiledRoute route, RoutableMessage message, string typeName, bool reached)
    {
        var reasons = new List<string>();
        var matched = true;
        if (!route.Types.AcceptsAnyType)
        {
            var typeMatches = route.Types.Matches(message.MessageType, typeName);
            reasons.Add($"type {message.MessageType} is {(typeMatches ? "" : "not ")}one of {route.Types.Display}");
            matched = typeMatches;
        }

        foreach (var condition in route.When)
        {
            matched &= condition.Explain(message, out var reason);
            reasons.Add(reason);
        }

        if (route.Any.Count > 0)
        {
            var anyHolds = false;
            foreach (var condition in route.Any)
            {
                anyHolds |= condition.Explain(message, out var reason);
                reasons.Add($"any: {reason}");
            }

            if (!anyHolds)
            {
                reasons.Add("none of the Any conditions holds");
            }

            matched &= anyHolds;
        }

        return new RuleExplanation(route.Name, matched, reached, route.Endpoints, reasons);
    }
}
