using System.Text.Json;

namespace CommerceBus.Routing.Matching;

/// <summary>An operator with its operands parsed once, applied to one value at a time.</summary>
/// <remarks>
/// Equality (Equals, In and their negations) is numeric when the body holds a JSON number and the operand is a number
/// (so <c>100</c> equals <c>100.00</c>); JSON strings and headers compare as text, ordinal unless IgnoreCase. Ordering
/// operators compare decimals: text that parses as a number counts (headers are always text), anything else does not
/// match. A missing value never matches, so NotEquals and NotIn, being exact negations, hold for it.
/// </remarks>
internal sealed class ValuePredicate
{
    private readonly string[] operands;
    private readonly decimal?[] numbers;
    private readonly StringComparison comparison;

    public ValuePredicate(ConditionOperator op, IReadOnlyList<string> operands, bool ignoreCase)
    {
        Op = op;
        IgnoreCase = ignoreCase;
        this.operands = [.. operands];
        numbers = Array.ConvertAll(this.operands, o => JsonText.TryParseNumber(o, out var n) ? n : (decimal?)null);
        comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    public ConditionOperator Op { get; }

    public bool IgnoreCase { get; }

    public IReadOnlyList<string> Operands => operands;

    public bool Test(in RouteValue value) => Op switch
    {
        ConditionOperator.Exists => value.IsPresent,
        ConditionOperator.NotExists => !value.IsPresent,
        ConditionOperator.EqualTo or ConditionOperator.In => EqualsAny(value),
        ConditionOperator.NotEqualTo or ConditionOperator.NotIn => !EqualsAny(value),
        ConditionOperator.Prefix or ConditionOperator.Contains => MatchesText(value),
        _ => Compares(value),
    };

    private bool EqualsAny(in RouteValue value)
    {
        if (!value.IsPresent)
        {
            return false;
        }

        if (value.Text is not null)
        {
            return EqualsAnyText(value.Text, comparison);
        }

        var element = value.Element;
        switch (element.ValueKind)
        {
            case JsonValueKind.String when comparison == StringComparison.Ordinal:
                foreach (var operand in operands)
                {
                    if (element.ValueEquals(operand))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                return EqualsAnyJsonText(element);
            case JsonValueKind.Number:
                if (!element.TryGetDecimal(out var number))
                {
                    return false;
                }

                foreach (var operand in numbers)
                {
                    if (operand == number)
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.True or JsonValueKind.False:
                // Configuration writes JSON true as "True"; booleans have no case worth keeping.
                return EqualsAnyText(element.ValueKind == JsonValueKind.True ? "true" : "false", StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }

    private bool EqualsAnyJsonText(JsonElement element)
    {
        Span<char> buffer = stackalloc char[JsonText.BufferSize];
        return JsonText.TryRead(element, buffer, out var text) && EqualsAnyText(text, comparison);
    }

    private bool EqualsAnyText(ReadOnlySpan<char> text, StringComparison how)
    {
        foreach (var operand in operands)
        {
            if (text.Equals(operand, how))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesText(in RouteValue value)
    {
        if (!value.IsPresent)
        {
            return false;
        }

        if (value.Text is not null)
        {
            return MatchesText(value.Text.AsSpan());
        }

        Span<char> buffer = stackalloc char[JsonText.BufferSize];
        return JsonText.TryRead(value.Element, buffer, out var text) && MatchesText(text);
    }

    private bool MatchesText(ReadOnlySpan<char> text) =>
        Op == ConditionOperator.Prefix ? text.StartsWith(operands[0], comparison) : text.Contains(operands[0], comparison);

    private bool Compares(in RouteValue value)
    {
        if (!JsonText.TryReadNumber(value, out var number) || numbers[0] is not { } bound)
        {
            return false;
        }

        return Op switch
        {
            ConditionOperator.GreaterThan => number > bound,
            ConditionOperator.GreaterThanOrEqual => number >= bound,
            ConditionOperator.LessThan => number < bound,
            _ => number <= bound,
        };
    }
}
