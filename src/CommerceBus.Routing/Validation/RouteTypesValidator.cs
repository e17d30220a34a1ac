using CommerceBus.Contracts;

namespace CommerceBus.Routing.Validation;

/// <summary>Every type a rule names is a canonical message type, with or without its version.</summary>
internal sealed class RouteTypesValidator : IRoutingValidator
{
    public void Validate(RoutingOptions options, RoutingValidationContext context)
    {
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var rule = options.Routes[i];
            if (rule is null)
            {
                continue;
            }

            for (var t = 0; t < rule.Types.Count; t++)
            {
                var type = rule.Types[t];
                if (string.IsNullOrWhiteSpace(type))
                {
                    context.Add(RoutingValidationContext.Label(rule, i), $"Types[{t}]", "is empty");
                }
                else if (!CanonicalTypes.TryResolve(type.Trim(), out _))
                {
                    context.Add(RoutingValidationContext.Label(rule, i), $"Types[{t}]", $"'{type}' is not a canonical message type (e.g. BookOrder or BookOrder.v1)");
                }
            }
        }
    }
}
