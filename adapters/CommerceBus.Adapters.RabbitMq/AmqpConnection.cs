using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// The adapter's one connection to the broker, opened on first use. RabbitMQ.Client's automatic recovery re-opens it
/// and its channels, queues and consumers after a broker restart; only the very first connect is retried by callers.
/// </summary>
internal sealed class AmqpConnection(IOptions<RabbitMqAdapterOptions> options) : IAsyncDisposable
{
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
                _connection = await factory.CreateConnectionAsync(cancellationToken);
            }

            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.CloseAsync();
            connection.Dispose();
        }

        _gate.Dispose();
    }
}
