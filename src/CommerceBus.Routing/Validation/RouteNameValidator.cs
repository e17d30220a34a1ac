namespace CommerceBus.Routing.Validation;

/// <summary>Every rule has a name, unique in the table (ignoring case), and none takes the default route's name.</summary>
internal sealed class RouteNameValidator : IRoutingValidator
{
    public void Validate(RoutingOptions options, RoutingValidationContext context)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var rule = options.Routes[i];
            if (rule is null)
            {
                context.Add($"Routes[{i}]", "Routes", "the rule is empty");
                continue;
            }

            var label = RoutingValidationContext.Label(rule, i);
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                context.Add(label, nameof(RouteRule.Name), "is required");
            }
            else if (string.Equals(rule.Name, RouteDecision.DefaultRouteName, StringComparison.OrdinalIgnoreCase))
            {
                context.Add(label, nameof(RouteRule.Name), $"'{RouteDecision.DefaultRouteName}' is reserved for the default route");
            }
            else if (!seen.TryAdd(rule.Name.Trim(), i))
            {
                context.Add(label, nameof(RouteRule.Name), $"'{rule.Name}' is used by Routes[{seen[rule.Name.Trim()]}] and Routes[{i}]; names must be unique");
            }
        }
    }
}
