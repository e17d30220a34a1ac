using System.Text.Json;

namespace CommerceBus.Routing.Matching;

/// <summary>How conditions and values read in explanations, e.g. <c>region In ['US', 'APAC']: was 'US'</c>.</summary>
internal static class ConditionText
{
    private const int MaxShownLength = 80;

    public static string Describe(string target, ValuePredicate predicate, bool all)
    {
        var op = predicate.Op;
        var operand = ConditionOperators.TakesNoOperand(op) ? ""
            : ConditionOperators.TakesValues(op) ? $" [{string.Join(", ", predicate.Operands.Select(Quote))}]"
            : ConditionOperators.IsOrdering(op) ? $" {predicate.Operands[0]}"
            : $" {Quote(predicate.Operands[0])}";
        var ignoreCase = predicate.IgnoreCase && !ConditionOperators.IsOrdering(op) && !ConditionOperators.TakesNoOperand(op)
            ? " (ignore case)"
            : "";
        return $"{target} {ConditionOperators.NameOf(op)}{operand}{ignoreCase}{(all ? " (All)" : "")}";
    }

    public static string Show(IReadOnlyList<RouteValue> values, bool asList) =>
        asList ? $"[{string.Join(", ", values.Select(Show))}]" : Show(values[0]);

    public static string Show(RouteValue value)
    {
        if (!value.IsPresent)
        {
            return "missing";
        }

        if (value.Text is not null)
        {
            return Quote(value.Text);
        }

        var element = value.Element;
        return element.ValueKind switch
        {
            JsonValueKind.String => Quote(element.GetString() ?? ""),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Object => "an object",
            _ => "an array",
        };
    }

    private static string Quote(string text) =>
        text.Length <= MaxShownLength ? $"'{text}'" : $"'{text[..MaxShownLength]}...'";
}
