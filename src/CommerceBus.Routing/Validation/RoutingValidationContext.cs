namespace CommerceBus.Routing.Validation;

/// <summary>What validators need besides the table (the declared endpoints), and where they put the problems they find.</summary>
internal sealed class RoutingValidationContext(IReadOnlyCollection<string> knownEndpoints)
{
    private readonly HashSet<string> endpoints = new(knownEndpoints, StringComparer.OrdinalIgnoreCase);
    private readonly List<RoutingProblem> problems = [];

    public IReadOnlyList<RoutingProblem> Problems => problems;

    public bool IsKnownEndpoint(string name) => endpoints.Contains(name);

    public void Add(string? route, string setting, string message) => problems.Add(new RoutingProblem(route, setting, message));

    /// <summary>How problems name a rule: by its name, or by its position when it has none.</summary>
    public static string Label(RouteRule rule, int index) =>
        string.IsNullOrWhiteSpace(rule.Name) ? $"Routes[{index}]" : rule.Name;
}
