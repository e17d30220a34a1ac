using CommerceBus.Abstractions.Outbound;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Endpoints;

/// <summary>
/// One endpoint's connector with a count of who uses it: each topology snapshot that contains it, and each delivery in
/// flight. The connector is disposed when the count reaches zero, so a reload never closes it under a delivery.
/// </summary>
internal sealed class ConnectorHandle(string endpoint, string kind, string settings, IEndpointConnector connector, ILogger logger)
{
    // Starts at one: the snapshot the handle was built for.
    private int _uses = 1;

    public string Endpoint { get; } = endpoint;

    public string Kind { get; } = kind;

    /// <summary>The endpoint's settings, flattened: a reload that leaves them unchanged keeps this connector (its pool, its breaker).</summary>
    public string Settings { get; } = settings;

    public IEndpointConnector Connector { get; } = connector;

    /// <summary>The connector has been disposed: no snapshot and no delivery uses it any more.</summary>
    public bool IsDisposed => Volatile.Read(ref _uses) == 0;

    /// <summary>Counts one more user; false once the connector is disposed (or about to be), which nobody may use again.</summary>
    public bool TryAcquire()
    {
        var uses = Volatile.Read(ref _uses);
        while (uses > 0)
        {
            var seen = Interlocked.CompareExchange(ref _uses, uses + 1, uses);
            if (seen == uses)
            {
                return true;
            }

            uses = seen;
        }

        return false;
    }

    /// <summary>Counts one user less; the last one disposes the connector.</summary>
    public ValueTask ReleaseAsync() =>
        Interlocked.Decrement(ref _uses) == 0 ? DisposeConnectorAsync() : ValueTask.CompletedTask;

    private async ValueTask DisposeConnectorAsync()
    {
        try
        {
            switch (Connector)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }

            TopologyLog.ConnectorDisposed(logger, Endpoint, Kind);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whoever released last (a delivery, a reload) must not fail for a connector that did not close cleanly.
            TopologyLog.ConnectorDisposeFailed(logger, ex, Endpoint, Kind);
        }
    }
}
