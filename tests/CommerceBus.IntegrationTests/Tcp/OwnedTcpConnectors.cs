using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Tcp;
using CommerceBus.Adapters.Tcp.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>The tcp connector factory with what the hub's topology does for it: dispose (close) every connector it made.</summary>
internal sealed class OwnedTcpConnectors(TcpAdapterOptions options) : IAsyncDisposable
{
    private readonly TcpConnectorFactory _factory = new(Options.Create(options), NullLoggerFactory.Instance);
    private readonly List<IEndpointConnector> _created = [];

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings)
    {
        var connector = _factory.Create(endpoint, settings);
        lock (_created)
        {
            _created.Add(connector);
        }

        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _created)
        {
            await ((IAsyncDisposable)connector).DisposeAsync();
        }
    }
}
