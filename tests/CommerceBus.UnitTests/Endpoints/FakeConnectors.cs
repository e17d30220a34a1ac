using System.Collections.Concurrent;
using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.UnitTests.Endpoints;

/// <summary>Connector kind <c>fake</c>: records every connector it makes and whether it was disposed; setting <c>Fail</c> makes Create throw.</summary>
internal sealed class FakeConnectors : IConnectorFactory
{
    public ConcurrentQueue<Connector> Created { get; } = new();

    public string Kind => "fake";

    public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Outbound };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings)
    {
        if (settings["Fail"] is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var connector = new Connector(endpoint, settings["Value"]);
        Created.Enqueue(connector);
        return connector;
    }

    public sealed class Connector(string endpoint, string? value) : IEndpointConnector, IDisposable
    {
        public string Endpoint { get; } = endpoint;

        public string? Value { get; } = value;

        public bool Disposed { get; private set; }

        public Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(DeliveryResult.Handed(Endpoint));

        public void Dispose() => Disposed = true;
    }
}
