using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Endpoints;

/// <summary>
/// Builds a whole topology from the <c>CommerceBus</c> section: every endpoint's connector and retry policy, then the
/// routing table against exactly those endpoints. Nothing of a build with a problem is kept.
/// </summary>
/// <remarks>
/// An endpoint whose settings did not change keeps the connector of the snapshot in force (its open connections, its
/// circuit breaker); new and changed endpoints get new connectors, which a refused build disposes at once. A change of
/// only an endpoint's <c>Retries</c> is not a change of its connector: it keeps it and takes the new policy.
/// </remarks>
internal sealed class TopologyBuild
{
    public const string EndpointsKey = "Endpoints";
    public const string RoutingKey = "Routing";

    private TopologyBuild(TopologySnapshot? snapshot, IReadOnlyList<string> endpointProblems, IReadOnlyList<RoutingProblem> routingProblems, IReadOnlyList<string> changed)
    {
        Snapshot = snapshot;
        EndpointProblems = endpointProblems;
        RoutingProblems = routingProblems;
        Changed = changed;
    }

    /// <summary>The new snapshot, or null when the configuration has a problem.</summary>
    public TopologySnapshot? Snapshot { get; }

    public IReadOnlyList<string> EndpointProblems { get; }

    public IReadOnlyList<RoutingProblem> RoutingProblems { get; }

    /// <summary>The endpoints that got a new connector (added, or their settings changed).</summary>
    public IReadOnlyList<string> Changed { get; }

    /// <summary>Every problem, endpoints first, each naming its setting.</summary>
    public IReadOnlyList<string> Problems => [.. EndpointProblems, .. RoutingProblems.Select(p => $"CommerceBus:Routing: {p}")];

    public static async Task<TopologyBuild> RunAsync(
        IConfiguration commerceBus,
        IReadOnlyDictionary<string, IConnectorFactory> factories,
        TopologySnapshot? inForce,
        long version,
        ILogger logger)
    {
        var problems = new List<string>();
        var handles = new Dictionary<string, ConnectorHandle>(StringComparer.OrdinalIgnoreCase);
        var changed = new List<string>();
        foreach (var endpoint in commerceBus.GetSection(EndpointsKey).GetChildren())
        {
            var settings = Flatten(endpoint);
            if (inForce is not null && inForce.Endpoints.TryGetValue(endpoint.Key, out var kept)
                && string.Equals(kept.Endpoint, endpoint.Key, StringComparison.Ordinal)
                && string.Equals(kept.Settings, settings, StringComparison.Ordinal)
                && kept.TryAcquire())
            {
                handles[endpoint.Key] = kept;
                continue;
            }

            if (Create(endpoint, factories, problems) is { } connector)
            {
                handles[endpoint.Key] = new ConnectorHandle(endpoint.Key, endpoint["Connector"]!, settings, connector, logger);
                changed.Add(endpoint.Key);
            }
        }

        var retries = RetryPolicies.Read(commerceBus, problems);

        // Routes are checked against every declared endpoint, even one whose connector failed: that one is already a
        // problem above, and a route naming it is not a second one.
        var declared = commerceBus.GetSection(EndpointsKey).GetChildren().Select(e => e.Key).ToList();
        RoutingTables.TryBuild(commerceBus.GetSection(RoutingKey), declared, out var routes, out var routingProblems);
        if (problems.Count > 0 || routes is null)
        {
            foreach (var handle in handles.Values)
            {
                await handle.ReleaseAsync();
            }

            return new TopologyBuild(null, problems, routingProblems, []);
        }

        return new TopologyBuild(new TopologySnapshot(version, routes, handles, retries), [], [], changed);
    }

    private static IEndpointConnector? Create(IConfigurationSection endpoint, IReadOnlyDictionary<string, IConnectorFactory> factories, List<string> problems)
    {
        var kind = endpoint["Connector"];
        var prefix = $"CommerceBus:Endpoints:{endpoint.Key}";
        if (string.IsNullOrWhiteSpace(kind))
        {
            problems.Add($"{prefix}:Connector is missing (one of: {string.Join(", ", factories.Keys)})");
        }
        else if (!factories.TryGetValue(kind, out var factory))
        {
            problems.Add($"{prefix}:Connector '{kind}' is not a registered connector (registered: {string.Join(", ", factories.Keys)}); is its adapter added to the host?");
        }
        else if (!factory.Capabilities.Direction.HasFlag(AdapterDirection.Outbound))
        {
            problems.Add($"{prefix}: connector '{kind}' cannot deliver to business endpoints (it is not outbound)");
        }
        else
        {
            try
            {
                return factory.Create(endpoint.Key, endpoint);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
            {
                problems.Add($"{prefix}: {ex.Message}");
            }
        }

        return null;
    }

    /// <summary>Every connector setting of the endpoint (not its retries) as sorted <c>key=value</c> lines: equal text, equal settings.</summary>
    private static string Flatten(IConfigurationSection endpoint) =>
        string.Join('\n', endpoint.AsEnumerable(makePathsRelative: true)
            .Where(kv => kv.Value is not null && !IsRetrySetting(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Select(kv => $"{kv.Key.ToUpperInvariant()}={kv.Value}"));

    private static bool IsRetrySetting(string key) =>
        key.Equals("Retries", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Retries:", StringComparison.OrdinalIgnoreCase);
}
