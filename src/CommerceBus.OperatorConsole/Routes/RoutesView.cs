using CommerceBus.Routing;

namespace CommerceBus.OperatorConsole.Routes;

/// <summary>The routing table in force and the last reloads: when it was put in force, and the last refused reload with why.</summary>
public sealed record RoutesView(
    long Version,
    DateTimeOffset LoadedAt,
    RoutingMode Mode,
    IReadOnlyList<string>? DefaultEndpoints,
    IReadOnlyList<RuleDescription> Rules,
    DateTimeOffset? RefusedAt,
    IReadOnlyList<string> RefusalProblems);
