namespace CommerceBus.Routing;

/// <summary>One thing wrong with the routing table, naming the rule and the setting.</summary>
/// <param name="Route">The rule's name, <c>Routes[3]</c> when it has none, <c>(default)</c>, or <c>null</c> for table-wide settings.</param>
/// <param name="Setting">The setting within the rule (or table), e.g. <c>When[0].Op</c>, <c>Types[1]</c>, <c>Mode</c>.</param>
/// <param name="Message">What is wrong, and where useful what would be right.</param>
public sealed record RoutingProblem(string? Route, string Setting, string Message)
{
    public override string ToString() =>
        Route is null ? $"{Setting}: {Message}" : $"route '{Route}', {Setting}: {Message}";
}
