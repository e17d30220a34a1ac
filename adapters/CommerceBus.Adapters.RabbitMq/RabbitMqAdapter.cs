using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// The AMQP inbound adapter of <c>contracts/wire/amqp-inbound.md</c>: declares <c>commerce.inbound</c> with the hub's
/// queue and bindings, consumes with manual acknowledgements and a prefetch, and settles each message by the hub's answer.
/// </summary>
/// <remarks>
/// A broker that is down at start-up does not stop the hub: the adapter keeps trying in the background. Once connected,
/// RabbitMQ.Client's automatic recovery re-opens the connection, the channel and the consumer after a broker restart;
/// messages that were in flight are redelivered, and the hub's inbox keeps them from being applied twice.
/// </remarks>
internal sealed partial class RabbitMqAdapter(
    AmqpConnection connection,
    AmqpDeliveryHandler handler,
    AmqpConnectionState state,
    IOptions<RabbitMqAdapterOptions> options,
    ILogger<RabbitMqAdapter> logger) : IInboundAdapter, IConnectedAdapter, IAsyncDisposable
{
    public const string AdapterName = "amqp";

    private readonly CancellationTokenSource _stopping = new();
    private Task? _connecting;
    private IChannel? _channel;

    public string Name => AdapterName;

    public ConnectionStatus Connection => state.Status;

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Inbound,
        RequestReply = false,
        Transactional = true,
        SupportsCancel = true,
        SupportsStatusQuery = false,
        MaxMessageBytes = options.Value.MaxMessageBytes,
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first attempt is awaited, so that in the usual case the queue exists before the hub reports itself started.
        if (await TryConsumeAsync(cancellationToken))
        {
            return;
        }

        _connecting = Task.Run(() => KeepTryingAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_connecting is not null)
        {
            await _connecting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_channel is { IsOpen: true } channel)
        {
            // Deliveries not yet acknowledged go back to the queue when the channel closes.
            await channel.CloseAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }

    private async Task KeepTryingAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ReconnectInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryConsumeAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryConsumeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            var open = await connection.GetAsync(cancellationToken);
            var channel = await open.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: (ushort)settings.ConsumerConcurrency),
                cancellationToken);
            await AmqpTopology.DeclareAsync(channel, settings, cancellationToken);
            await channel.BasicQosAsync(0, settings.PrefetchCount, global: false, cancellationToken);

            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => handler.HandleAsync(channel, delivery, _stopping.Token);
            await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, cancellationToken);
            _channel = channel;
            state.Consuming();
            LogConsuming(logger, settings.Queue, settings.Exchange);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            state.AttemptFailed(ex.Message);
            LogBrokerUnreachable(logger, settings.ReconnectInterval.TotalSeconds, ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Consuming AMQP queue '{Queue}' bound to exchange '{Exchange}'")]
    private static partial void LogConsuming(ILogger logger, string queue, string exchange);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "The AMQP broker is not reachable ({Problem}); trying again every {Seconds} s")]
    private static partial void LogBrokerUnreachable(ILogger logger, double seconds, string problem);
}
