using System.Collections.Frozen;

namespace CommerceBus.Routing.Matching;

/// <summary>The configuration names of <see cref="ConditionOperator"/> and what each one needs.</summary>
internal static class ConditionOperators
{
    // The enum cannot be named Equals (it would hide object.Equals), so configuration names map explicitly.
    private static readonly (string Name, ConditionOperator Op)[] Table =
    [
        ("Equals", ConditionOperator.EqualTo),
        ("NotEquals", ConditionOperator.NotEqualTo),
        ("In", ConditionOperator.In),
        ("NotIn", ConditionOperator.NotIn),
        ("Prefix", ConditionOperator.Prefix),
        ("Contains", ConditionOperator.Contains),
        ("GreaterThan", ConditionOperator.GreaterThan),
        ("GreaterThanOrEqual", ConditionOperator.GreaterThanOrEqual),
        ("LessThan", ConditionOperator.LessThan),
        ("LessThanOrEqual", ConditionOperator.LessThanOrEqual),
        ("Exists", ConditionOperator.Exists),
        ("NotExists", ConditionOperator.NotExists),
    ];

    private static readonly FrozenDictionary<string, ConditionOperator> ByName =
        Table.ToFrozenDictionary(x => x.Name, x => x.Op, StringComparer.OrdinalIgnoreCase);

    public static string Known { get; } = string.Join(", ", Table.Select(x => x.Name));

    public static bool TryParse(string? name, out ConditionOperator op) => ByName.TryGetValue(name?.Trim() ?? "", out op);

    public static string NameOf(ConditionOperator op) => Table[(int)op].Name;

    public static bool TakesValues(ConditionOperator op) => op is ConditionOperator.In or ConditionOperator.NotIn;

    public static bool TakesNoOperand(ConditionOperator op) => op is ConditionOperator.Exists or ConditionOperator.NotExists;

    public static bool IsOrdering(ConditionOperator op) =>
        op is ConditionOperator.GreaterThan or ConditionOperator.GreaterThanOrEqual
            or ConditionOperator.LessThan or ConditionOperator.LessThanOrEqual;

    public static bool IsTextMatch(ConditionOperator op) => op is ConditionOperator.Prefix or ConditionOperator.Contains;
}
