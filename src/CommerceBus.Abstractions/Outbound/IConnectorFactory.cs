using Microsoft.Extensions.Configuration;

namespace CommerceBus.Abstractions.Outbound;

/// <summary>
/// Makes connectors of one kind (<c>soap</c>, <c>tcp</c>, <c>http</c>, <c>bus</c>, ...) for the logical endpoints that
/// configuration maps to that kind: <c>CommerceBus:Endpoints:{name}:Connector = {kind}</c>.
/// </summary>
public interface IConnectorFactory
{
    /// <summary>The connector kind that endpoint configuration names.</summary>
    string Kind { get; }

    AdapterCapabilities Capabilities { get; }

    /// <summary>
    /// Makes the connector for one endpoint from its configuration section; throws <see cref="InvalidOperationException"/>
    /// naming the endpoint and setting when the section is not usable, which fails the host's start-up.
    /// </summary>
    IEndpointConnector Create(string endpoint, IConfigurationSection settings);
}
