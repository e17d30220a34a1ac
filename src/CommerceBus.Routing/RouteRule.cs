namespace CommerceBus.Routing;

/// <summary>One rule of the routing table: which messages it matches and the logical endpoints it sends them to.</summary>
public sealed record RouteRule
{
    /// <summary>Unique in the table; reported in <see cref="RouteDecision.Routes"/> and in explanations.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Canonical type names, with version (<c>BookOrder.v1</c>: that version only) or without (<c>BookOrder</c>: any
    /// version). Empty matches every type.
    /// </summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>Conditions that must all hold.</summary>
    public IReadOnlyList<RouteCondition> When { get; init; } = [];

    /// <summary>Conditions of which at least one must hold (in addition to <see cref="When"/>); empty means no such constraint.</summary>
    public IReadOnlyList<RouteCondition> Any { get; init; } = [];

    /// <summary>
    /// Logical endpoints (keys of <c>CommerceBus:Endpoints</c>). Missing or empty means "matched, deliver nowhere":
    /// configuration cannot tell an empty list from an absent one, and a rule that routes nowhere on purpose is the
    /// only useful reading of either.
    /// </summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];
}
