using System.Diagnostics.CodeAnalysis;
using CommerceBus.Contracts;
using CommerceBus.Routing.Matching;
using CommerceBus.Routing.Validation;

namespace CommerceBus.Routing;

/// <summary>
/// Validates routing options (<c>Validation/</c>) and compiles them into a <see cref="RouteTable"/> (<c>Matching/</c>): paths,
/// operators and types parsed once. It sits above both, so matching and validation do not depend on each other's way.
/// </summary>
internal static class RouteTableBuilder
{
    /// <summary>Validates with every validator; compiles only a table without problems.</summary>
    /// <remarks>
    /// <paramref name="knownEndpoints"/> are the keys of <c>CommerceBus:Endpoints</c>; rules name them case-insensitively
    /// and decisions use these spellings.
    /// </remarks>
    public static bool TryBuild(
        RoutingOptions options,
        IReadOnlyCollection<string> knownEndpoints,
        [NotNullWhen(true)] out RouteTable? table,
        out IReadOnlyList<RoutingProblem> problems)
    {
        problems = RoutingValidators.Validate(options, knownEndpoints);
        table = problems.Count == 0 ? Compile(options, knownEndpoints) : null;
        return table is not null;
    }

    /// <summary>Builds a table or throws with every problem; for tables that must be valid, such as the one at start-up.</summary>
    public static RouteTable Build(RoutingOptions options, IReadOnlyCollection<string> knownEndpoints) =>
        TryBuild(options, knownEndpoints, out var table, out var problems) ? table : throw new RoutingConfigurationException(problems);

    private static RouteTable Compile(RoutingOptions options, IReadOnlyCollection<string> knownEndpoints)
    {
        var endpointNames = knownEndpoints.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(e => e, StringComparer.OrdinalIgnoreCase);
        RoutingModes.TryParse(options.Mode, out var mode);
        var routes = options.Routes.Select(rule => Compile(rule, endpointNames)).ToArray();
        var fallback = options.Default is null ? null : Endpoints(options.Default.Endpoints, endpointNames);
        return new RouteTable(mode, routes, fallback);
    }

    private static CompiledRoute Compile(RouteRule rule, Dictionary<string, string> endpointNames) =>
        new(
            rule.Name!.Trim(),
            Types(rule.Types),
            [.. rule.When.Select(Compile)],
            [.. rule.Any.Select(Compile)],
            Endpoints(rule.Endpoints, endpointNames));

    private static CompiledCondition Compile(RouteCondition condition)
    {
        ConditionOperators.TryParse(condition.Op, out var op);
        Quantifiers.TryParseAll(condition.Quantifier, out var all);
        IReadOnlyList<string> operands = ConditionOperators.TakesNoOperand(op) ? []
            : ConditionOperators.TakesValues(op) ? condition.Values
            : [condition.Value!];
        FieldPath? path = null;
        if (!string.IsNullOrWhiteSpace(condition.Field) && !FieldPath.TryParse(condition.Field.Trim(), out path, out var error))
        {
            throw new InvalidOperationException($"A validated path did not compile: {error}");
        }

        return new CompiledCondition(path, condition.Header?.Trim(), new ValuePredicate(op, operands, condition.IgnoreCase), all);
    }

    private static TypeFilter Types(IReadOnlyList<string> types)
    {
        if (types.Count == 0)
        {
            return TypeFilter.AnyType;
        }

        var versioned = new List<string>();
        var names = new List<string>();
        var display = new List<string>();
        foreach (var configured in types)
        {
            CanonicalTypes.TryResolve(configured.Trim(), out var type);
            var versionedName = CanonicalTypes.VersionedNameOf(type);
            var isVersioned = string.Equals(configured.Trim(), versionedName, StringComparison.OrdinalIgnoreCase);
            var canonical = isVersioned ? versionedName : CanonicalTypes.NameOf(type);
            (isVersioned ? versioned : names).Add(canonical);
            display.Add(canonical);
        }

        return new TypeFilter(versioned, names, display);
    }

    private static IReadOnlyList<string> Endpoints(IReadOnlyList<string> configured, Dictionary<string, string> endpointNames)
    {
        var endpoints = configured.Select(e => endpointNames[e.Trim()]).Distinct(StringComparer.Ordinal).ToArray();
        return endpoints.Length == 0 ? [] : Array.AsReadOnly(endpoints);
    }
}
