using RabbitMQ.Client;


namespace CommerceBus.Transports.RabbitMq;

/// <summary>
/// Asks the broker how many consumers a queue has, with a passive queue declare on a connection of its own (plain AMQP:
/// the management plug-in need not be enabled). Every call is bounded by <paramref name="timeout"/>.
/// </summary>
internal sealed class QueueConsumerProbe(string connectionString, TimeSpan timeout) : IAsyncDisposable
{
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>The queue's consumer count, or null when the broker cannot be asked right now (it is away, the queue is gone).</summary>
    public async Task<uint?> ConsumerCountAsync(string queue, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var channel = await ChannelAsync(deadline.Token).WaitAsync(timeout, cancellationToken);
            var declared = await channel.QueueDeclarePassiveAsync(queue, deadline.Token).WaitAsync(timeout, cancellationToken);
            return declared.ConsumerCount;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A passive declare of a missing queue closes the channel, a broker restart the connection: start afresh next time.
            await ResetAsync();
            return null;
        }
    }

    public ValueTask DisposeAsync() => new(ResetAsync());

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await ResetAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            ClientProvidedName = "commercebus-endpoint-watchdog",
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = timeout,
            ContinuationTimeout = timeout,
            HandshakeContinuationTimeout = timeout,
        };
        _connection = await factory.CreateConnectionAsync(cancellationToken);
        _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return _channel;
    }

    private async Task ResetAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync().AsTask().WaitAsync(timeout);
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().AsTask().WaitAsync(timeout);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Closing a connection the broker already dropped may fail or hang; it is abandoned either way.
        }
    }
}
