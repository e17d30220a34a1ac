using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CommerceBus.Routing.Hosting;
using CommerceBus.Routing.Matching;
using CommerceBus.Routing.Validation;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Routing;

/// <summary>Builds routing tables from configuration, for a host that builds its table together with other things (its endpoints).</summary>
public static class RoutingTables
{
    /// <summary>
    /// Validates the <c>Routing</c> section against the declared endpoints and compiles it; never throws for bad
    /// configuration, every problem is in <paramref name="problems"/>.
    /// </summary>
    /// <param name="routing">The <c>CommerceBus:Routing</c> section.</param>
    /// <param name="knownEndpoints">The logical endpoints rules may name (case-insensitive); decisions use these spellings.</param>
    /// <param name="table">The compiled table, when there is no problem.</param>
    /// <param name="problems">Every problem, each naming its rule and setting; empty when the table was built.</param>
    public static bool TryBuild(
        IConfiguration routing,
        IReadOnlyCollection<string> knownEndpoints,
        [NotNullWhen(true)] out IRoutingTable? table,
        out IReadOnlyList<RoutingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(knownEndpoints);

        var shapeProblems = RoutingSettingsShapeValidator.Validate(routing);
        var options = new RoutingOptions();
        try
        {
            routing.Bind(options);
        }
        catch (InvalidOperationException)
        {
            // The shape validator has reported the value that failed to convert; the partly bound options are not compiled.
        }

        RouteTableBuilder.TryBuild(options, knownEndpoints, out var built, out var optionProblems);
        problems = [.. shapeProblems, .. optionProblems];
        table = problems.Count == 0 ? built : null;
        return table is not null;
    }

    /// <summary>The rules of <paramref name="table"/> in table order, described as explanations describe them.</summary>
    public static IReadOnlyList<RuleDescription> Describe(IRoutingTable table) =>
        table is RouteTable compiled
            ? [.. compiled.Routes.Select(r => new RuleDescription(
                r.Name, r.Types.Display, [.. r.When.Select(c => c.Description)], [.. r.Any.Select(c => c.Description)], r.Endpoints))]
            : [];

    /// <summary>
    /// Reads an explain request, <c>{ "type": ..., "headers": { ... }, "body": { ... } }</c>, as <c>POST /api/routes/explain</c>
    /// does; false with every wrong field named in <paramref name="errors"/>.
    /// </summary>
    public static bool TryReadExplainRequest(JsonElement request, [NotNullWhen(true)] out RoutableMessage? message, out Dictionary<string, string[]> errors) =>
        RouteExplainRequest.TryRead(request, out message, out errors);
}
