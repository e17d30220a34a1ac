using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Core.Endpoints;

/// <summary>
/// The logical endpoints of <c>CommerceBus:Endpoints</c>, each with the connector its <c>Connector</c> setting names.
/// Built once at start-up; a missing or unknown connector, or one that cannot deliver, fails the start with a clear error.
/// </summary>
public sealed class EndpointRegistry
{
    private readonly Dictionary<string, IEndpointConnector> _connectors = new(StringComparer.OrdinalIgnoreCase);

    public EndpointRegistry(IConfiguration commerceBusSection, IEnumerable<IConnectorFactory> factories)
    {
        var byKind = factories.ToDictionary(f => f.Kind, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var endpoint in commerceBusSection.GetSection("Endpoints").GetChildren())
        {
            var kind = endpoint["Connector"];
            if (string.IsNullOrWhiteSpace(kind))
            {
                problems.Add($"CommerceBus:Endpoints:{endpoint.Key}:Connector is missing (one of: {string.Join(", ", byKind.Keys)})");
            }
            else if (!byKind.TryGetValue(kind, out var factory))
            {
                problems.Add($"CommerceBus:Endpoints:{endpoint.Key}:Connector '{kind}' is not a registered connector (registered: {string.Join(", ", byKind.Keys)}); is its adapter added to the host?");
            }
            else if (!factory.Capabilities.Direction.HasFlag(AdapterDirection.Outbound))
            {
                problems.Add($"CommerceBus:Endpoints:{endpoint.Key}: connector '{kind}' cannot deliver to business endpoints (it is not outbound)");
            }
            else
            {
                try
                {
                    _connectors[endpoint.Key] = factory.Create(endpoint.Key, endpoint);
                }
                catch (InvalidOperationException ex)
                {
                    problems.Add($"CommerceBus:Endpoints:{endpoint.Key}: {ex.Message}");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The endpoint configuration is not usable:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    public IReadOnlyCollection<string> Names => _connectors.Keys;

    public IEndpointConnector Get(string endpoint) =>
        _connectors.TryGetValue(endpoint, out var connector)
            ? connector
            : throw new InvalidOperationException($"The route names endpoint '{endpoint}', which is not configured under CommerceBus:Endpoints.");
}
