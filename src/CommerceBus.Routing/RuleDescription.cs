namespace CommerceBus.Routing;

/// <summary>One rule of a compiled table as an operator reads it: the types it takes, its conditions and its endpoints.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Types">The types it matches, as configured; empty: every type.</param>
/// <param name="When">Conditions that must all hold, e.g. <c>region Equals 'EU'</c>.</param>
/// <param name="Any">Conditions of which one must hold; empty: no such constraint.</param>
/// <param name="Endpoints">Where it sends a message it matches; empty: nowhere.</param>
public sealed record RuleDescription(string Name, string Types, IReadOnlyList<string> When, IReadOnlyList<string> Any, IReadOnlyList<string> Endpoints);
