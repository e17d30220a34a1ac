using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Tcp.Layouts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Tcp.Outbound;

/// <summary>
/// Connector kind <c>tcp</c>: endpoints that speak fixed-width records over TCP, such as the legacy shipping system
/// (<c>CommerceBus:Endpoints:shipping = { Connector: tcp, Host, Port, TimeoutSeconds, Layout }</c>).
/// </summary>
internal sealed class TcpConnectorFactory(IOptions<TcpAdapterOptions> options, ILoggerFactory loggers) : IConnectorFactory
{
    public const string ConnectorKind = "tcp";

    public string Kind => ConnectorKind;

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Outbound,
        RequestReply = true,
        SupportsCancel = false,
        SupportsStatusQuery = false,
    };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings)
    {
        var parsed = TcpConnectorSettings.Parse(settings);
        if (!options.Value.Layouts.TryGetValue(parsed.Layout, out var set))
        {
            throw new InvalidOperationException(
                $"Layout '{parsed.Layout}' is not a layout set of CommerceBus:Adapters:Tcp:Layouts (known: {string.Join(", ", options.Value.Layouts.Keys)})");
        }

        // The hub's topology owns the connector: it disposes it (closing its connections) once no topology and no
        // delivery uses it, on a reload that removes or changes the endpoint, or at shutdown.
        return new TcpEndpointConnector(endpoint, parsed, new LayoutSet(parsed.Layout, set), loggers.CreateLogger<TcpEndpointConnector>());
    }
}
