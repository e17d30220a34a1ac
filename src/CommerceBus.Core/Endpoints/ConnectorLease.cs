using CommerceBus.Abstractions.Outbound;

namespace CommerceBus.Core.Endpoints;

/// <summary>The use of one endpoint's connector for one delivery; disposing it ends the use, and may dispose a retired connector.</summary>
public readonly struct ConnectorLease : IAsyncDisposable
{
    private readonly ConnectorHandle _handle;

    internal ConnectorLease(ConnectorHandle handle) => _handle = handle;

    public IEndpointConnector Connector => _handle.Connector;

    public ValueTask DisposeAsync() => _handle?.ReleaseAsync() ?? ValueTask.CompletedTask;
}
