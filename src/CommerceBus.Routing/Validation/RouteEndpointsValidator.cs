namespace CommerceBus.Routing.Validation;

/// <summary>Every endpoint a rule or the default route names is declared under <c>CommerceBus:Endpoints</c>.</summary>
internal sealed class RouteEndpointsValidator : IRoutingValidator
{
    public void Validate(RoutingOptions options, RoutingValidationContext context)
    {
        for (var i = 0; i < options.Routes.Count; i++)
        {
            if (options.Routes[i] is { } rule)
            {
                Validate(RoutingValidationContext.Label(rule, i), nameof(RouteRule.Endpoints), rule.Endpoints, context);
            }
        }

        if (options.Default is { } fallback)
        {
            Validate(RouteDecision.DefaultRouteName, $"{nameof(RoutingOptions.Default)}.{nameof(DefaultRoute.Endpoints)}", fallback.Endpoints, context);
        }
    }

    private static void Validate(string route, string setting, IReadOnlyList<string> endpoints, RoutingValidationContext context)
    {
        for (var e = 0; e < endpoints.Count; e++)
        {
            var endpoint = endpoints[e];
            if (string.IsNullOrWhiteSpace(endpoint))
            {
                context.Add(route, $"{setting}[{e}]", "is empty");
            }
            else if (!context.IsKnownEndpoint(endpoint.Trim()))
            {
                context.Add(route, $"{setting}[{e}]", $"endpoint '{endpoint}' is not declared under CommerceBus:Endpoints");
            }
        }
    }
}
