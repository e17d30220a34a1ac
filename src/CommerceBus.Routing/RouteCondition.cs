namespace CommerceBus.Routing;

/// <summary>One test of a rule: a body field or a header, an operator, and the value(s) it compares with.</summary>
public sealed record RouteCondition
{
    /// <summary>A path into the camelCase JSON body: <c>region</c>, <c>shipTo.country</c>, <c>lines[0].sku</c>, <c>lines[*].sku</c>.</summary>
    public string? Field { get; init; }

    /// <summary>A header name, matched case-insensitively. Set either this or <see cref="Field"/>.</summary>
    public string? Header { get; init; }

    /// <summary>
    /// Equals, NotEquals, In, NotIn, Prefix, Contains, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual,
    /// Exists or NotExists.
    /// </summary>
    public string? Op { get; init; }

    /// <summary>The operand of single-value operators (Equals, Prefix, GreaterThan, ...).</summary>
    public string? Value { get; init; }

    /// <summary>The operands of In and NotIn.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>For paths with <c>[*]</c>: <c>Any</c> (default, one value suffices) or <c>All</c> (every value, and at least one).</summary>
    public string? Quantifier { get; init; }

    /// <summary>Compare text ignoring case (Equals, NotEquals, In, NotIn, Prefix, Contains); ordinal and case-sensitive otherwise.</summary>
    public bool IgnoreCase { get; init; }
}
