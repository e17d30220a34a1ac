namespace CommerceBus.Routing;

/// <summary>The routing table in configuration is invalid; the message lists every problem, not just the first.</summary>
public sealed class RoutingConfigurationException : Exception
{
    public RoutingConfigurationException(IReadOnlyList<RoutingProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    public IReadOnlyList<RoutingProblem> Problems { get; }

    internal static string Describe(IReadOnlyList<RoutingProblem> problems) =>
        $"The routing table (CommerceBus:Routing) is invalid; {problems.Count} problem(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Select(p => $" - {p}"));
}
