using CommerceBus.Routing.Matching;

namespace CommerceBus.Routing.Validation;

/// <summary>
/// Every condition (in When and in Any) targets exactly one of a valid field path or a header, names a known operator,
/// has the operands that operator needs and no others, and a known quantifier.
/// </summary>
internal sealed class RouteConditionValidator : IRoutingValidator
{
    public void Validate(RoutingOptions options, RoutingValidationContext context)
    {
        for (var i = 0; i < options.Routes.Count; i++)
        {
            if (options.Routes[i] is not { } rule)
            {
                continue;
            }

            var label = RoutingValidationContext.Label(rule, i);
            Validate(label, nameof(RouteRule.When), rule.When, context);
            Validate(label, nameof(RouteRule.Any), rule.Any, context);
        }
    }

    private static void Validate(string route, string group, IReadOnlyList<RouteCondition> conditions, RoutingValidationContext context)
    {
        for (var c = 0; c < conditions.Count; c++)
        {
            var at = $"{group}[{c}]";
            if (conditions[c] is not { } condition)
            {
                context.Add(route, at, "the condition is empty");
                continue;
            }

            ValidateTarget(route, at, condition, context);
            if (string.IsNullOrWhiteSpace(condition.Op))
            {
                context.Add(route, $"{at}.Op", $"is required; one of {ConditionOperators.Known}");
            }
            else if (!ConditionOperators.TryParse(condition.Op, out var op))
            {
                context.Add(route, $"{at}.Op", $"unknown operator '{condition.Op}'; expected one of {ConditionOperators.Known}");
            }
            else
            {
                ValidateOperands(route, at, op, condition, context);
            }

            if (!Quantifiers.TryParseAll(condition.Quantifier, out _))
            {
                context.Add(route, $"{at}.Quantifier", $"unknown quantifier '{condition.Quantifier}'; expected Any or All");
            }
        }
    }

    private static void ValidateTarget(string route, string at, RouteCondition condition, RoutingValidationContext context)
    {
        var hasField = !string.IsNullOrWhiteSpace(condition.Field);
        var hasHeader = !string.IsNullOrWhiteSpace(condition.Header);
        if (hasField == hasHeader)
        {
            context.Add(route, at, hasField
                ? "set either Field or Header, not both"
                : "needs a Field (a path into the body, e.g. shipTo.country) or a Header");
        }
        else if (hasField && !FieldPath.TryParse(condition.Field!.Trim(), out _, out var error))
        {
            context.Add(route, $"{at}.Field", $"'{condition.Field}' is not a valid path: {error}");
        }
    }

    private static void ValidateOperands(string route, string at, ConditionOperator op, RouteCondition condition, RoutingValidationContext context)
    {
        var name = ConditionOperators.NameOf(op);
        if (ConditionOperators.TakesNoOperand(op))
        {
            if (condition.Value is not null)
            {
                context.Add(route, $"{at}.Value", $"{name} takes no Value");
            }

            if (condition.Values.Count > 0)
            {
                context.Add(route, $"{at}.Values", $"{name} takes no Values");
            }

            return;
        }

        if (ConditionOperators.TakesValues(op))
        {
            if (condition.Values.Count == 0)
            {
                context.Add(route, $"{at}.Values", $"{name} needs Values (a list){(condition.Value is null ? "" : ", not Value")}");
            }
            else if (condition.Value is not null)
            {
                context.Add(route, $"{at}.Value", $"{name} uses Values; Value would be ignored");
            }

            return;
        }

        if (condition.Values.Count > 0)
        {
            context.Add(route, $"{at}.Values", $"{name} uses Value, not Values{(op == ConditionOperator.EqualTo ? " (use In for a list)" : "")}");
        }

        if (ConditionOperators.IsOrdering(op))
        {
            if (condition.Value is null || !JsonText.TryParseNumber(condition.Value, out _))
            {
                context.Add(route, $"{at}.Value", $"{name} needs a numeric Value (invariant culture, e.g. 100 or 12.5){(condition.Value is null ? "" : $"; '{condition.Value}' is not a number")}");
            }
        }
        else if (ConditionOperators.IsTextMatch(op) ? string.IsNullOrEmpty(condition.Value) : condition.Value is null)
        {
            context.Add(route, $"{at}.Value", $"{name} needs a{(ConditionOperators.IsTextMatch(op) ? " non-empty" : "")} Value");
        }
    }
}
