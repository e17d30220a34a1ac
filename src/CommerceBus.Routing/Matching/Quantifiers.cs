namespace CommerceBus.Routing.Matching;

/// <summary>Parses <see cref="RouteCondition.Quantifier"/>: absent or <c>Any</c> is false, <c>All</c> is true.</summary>
internal static class Quantifiers
{
    public static bool TryParseAll(string? quantifier, out bool all)
    {
        quantifier = quantifier?.Trim();
        all = string.Equals(quantifier, "All", StringComparison.OrdinalIgnoreCase);
        return all || string.IsNullOrWhiteSpace(quantifier) || string.Equals(quantifier, "Any", StringComparison.OrdinalIgnoreCase);
    }
}
