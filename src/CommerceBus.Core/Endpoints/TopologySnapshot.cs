using CommerceBus.Abstractions.Outbound;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Routing;

namespace CommerceBus.Core.Endpoints;

/// <summary>
/// The routes, the endpoints with their connectors and their retry policies that were validated and built together, in
/// force together: the routes name only endpoints of this snapshot, and each endpoint has its connector and policy.
/// </summary>
public sealed class TopologySnapshot
{
    private readonly Dictionary<string, ConnectorHandle> _endpoints;

    internal TopologySnapshot(long version, IRoutingTable routes, Dictionary<string, ConnectorHandle> endpoints, RetryPolicies retries)
    {
        Version = version;
        Routes = routes;
        Retries = retries;
        _endpoints = endpoints;
    }

    /// <summary>1 for the snapshot built at start-up, one more for each accepted reload.</summary>
    public long Version { get; }

    public IRoutingTable Routes { get; }

    /// <summary>The endpoints' retry policies (<c>CommerceBus:Endpoints:{name}:Retries</c>), read and swapped with them.</summary>
    public RetryPolicies Retries { get; }

    /// <summary>The logical endpoints, as configuration spells them.</summary>
    public IReadOnlyCollection<string> EndpointNames => _endpoints.Keys;

    internal IReadOnlyDictionary<string, ConnectorHandle> Endpoints => _endpoints;

    /// <summary>The connector kind of an endpoint, or null when this snapshot has no such endpoint.</summary>
    public string? KindOf(string endpoint) => _endpoints.TryGetValue(endpoint, out var handle) ? handle.Kind : null;

    /// <summary>The circuit breaker of an endpoint's connector now, or null when its connector has none (or this snapshot has no such endpoint).</summary>
    public CircuitBreakerStatus? BreakerOf(string endpoint) =>
        _endpoints.TryGetValue(endpoint, out var handle) && handle.Connector is ICircuitBreakingConnector breaking ? breaking.Breaker : null;
}
