using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// The adapter's one connection to the broker, opened on first use. RabbitMQ.Client's automatic recovery re-opens it
/// and its channels, queues and consumers after a broker restart; only the very first connect is retried by callers.
/// </summary>
internal sealed class AmqpConnection(IOptions<RabbitMqAdapterOptions> options, AmqpConnectionState state) : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var settings = options.Value;
                var factory = new ConnectionFactory
                {
                    Uri = new Uri(settings.ConnectionString!),
                    AutomaticRecoveryEnabled = true,
                    TopologyRecoveryEnabled = true,
                    NetworkRecoveryInterval = settings.ReconnectInterval,
                    RequestedHeartbeat = TimeSpan.FromSeconds(10),
                    ClientProvidedName = "commercebus-amqp-adapter",
                    ConsumerDispatchConcurrency = (ushort)settings.ConsumerConcurrency,
                };
                var connection = await factory.CreateConnectionAsync(cancellationToken);
                connection.ConnectionShutdownAsync += OnShutdownAsync;
                connection.RecoverySucceededAsync += OnRecoveredAsync;
                connection.ConnectionRecoveryErrorAsync += OnRecoveryErrorAsync;
                _connection = connection;
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs e)
    {
        // The hub's own close (it is stopping) is no loss.
        if (e.Initiator != ShutdownInitiator.Application)
        {
            state.Lost($"{e.ReplyCode} {e.ReplyText}");
        }

        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs e)
    {
        state.Recovered();
        return Task.CompletedTask;
    }

    private Task OnRecoveryErrorAsync(object sender, ConnectionRecoveryErrorEventArgs e)
    {
        state.AttemptFailed(e.Exception.Message);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                // Bounded and forgiving: a connection the broker dropped, which RabbitMQ.Client is still recovering, may
                // refuse to close (already closed) or not answer; the hub's stop must not fail or wait for it.
                await connection.CloseAsync().WaitAsync(CloseTimeout);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Abandoned: the broker frees it when the socket goes.
            }

            connection.Dispose();
        }

        _gate.Dispose();
    }
}
