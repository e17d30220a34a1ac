using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Contracts;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Adapters.Tcp.Outbound;

/// <summary>
/// Delivers canonical commands to one TCP endpoint as records of its layout and turns its reply records into canonical
/// replies. Connections are kept and reused (up to <c>MaxConnections</c>, opened only when the open ones are busy);
/// a closed one is replaced on the next delivery, and a delivery whose connection closes under it is sent once more
/// on a fresh one, which is safe because the endpoint applies a command once per order.
/// </summary>
internal sealed partial class TcpEndpointConnector(string endpoint, TcpConnectorSettings settings, LayoutSet layouts, ILogger<TcpEndpointConnector> logger)
    : IEndpointConnector, IAsyncDisposable
{
    private readonly ClientConnection?[] _pool = new ClientConnection?[settings.MaxConnections];
    private readonly SemaphoreSlim _choosing = new(1, 1);
    private long _reference;

    public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var name = CanonicalTypes.NameOf(message.Command.GetType());
        var layout = layouts.ForMessage(name)
            ?? throw new NotSupportedException($"Endpoint {endpoint}: layout '{layouts.Name}' has no record for {name}; check the routes.");
        var matchByReference = layout.Field(OutboundRecords.ReferenceField) is not null;
        for (var attempt = 1; ; attempt++)
        {
            var connection = await ConnectionAsync(matchByReference, cancellationToken);
            var reference = Interlocked.Increment(ref _reference) % 100_000_000;
            var record = OutboundRecords.Encode(layout, message.Command, reference);
            try
            {
                var reply = await connection.SendAsync(reference, record, settings.Timeout, settings.WriteTimeout, cancellationToken);
                return OutboundRecords.ToResult(reply, message.Command, endpoint);
            }
            catch (ConnectionLostException) when (attempt == 1)
            {
                // Most often the endpoint closed a connection that had been idle: the next one is fresh.
                LogResending(logger, endpoint, name);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _pool)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The open connection with the fewest requests in flight; a new one when all are busy and a slot is free.</summary>
    private async Task<ClientConnection> ConnectionAsync(bool matchByReference, CancellationToken cancellationToken)
    {
        // Waiting here means another delivery is connecting, which ConnectTimeout bounds; so is this wait.
        if (!await _choosing.WaitAsync(settings.ConnectTimeout, cancellationToken))
        {
            throw new TimeoutException($"Endpoint {endpoint}: no connection to {settings.Host}:{settings.Port} within {settings.ConnectTimeout.TotalSeconds:0}s (ConnectTimeoutSeconds)");
        }

        try
        {
            var best = _pool.Where(c => c is { IsOpen: true }).OrderBy(c => c!.Pending).FirstOrDefault();
            var free = Array.FindIndex(_pool, c => c is not { IsOpen: true });
            if (best is not null && (best.Pending == 0 || free < 0))
            {
                return best;
            }

            if (_pool[free] is { } closed)
            {
                await closed.DisposeAsync();
            }

            var fresh = await ClientConnection.ConnectAsync(settings, layouts, matchByReference, endpoint, logger, cancellationToken);
            _pool[free] = fresh;
            LogConnected(logger, endpoint, settings.Host, settings.Port, _pool.Count(c => c is { IsOpen: true }));
            return fresh;
        }
        finally
        {
            _choosing.Release();
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Endpoint {Endpoint}: connected to {Host}:{Port} ({Open} open)")]
    private static partial void LogConnected(ILogger logger, string endpoint, string host, int port, int open);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Endpoint {Endpoint}: the connection closed before {Command} was answered; sending it again on a new connection")]
    private static partial void LogResending(ILogger logger, string endpoint, string command);
}
