using RabbitMQ.Client;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// The exchanges, queues and bindings the adapter declares at start-up (idempotently, so an existing topology with the
/// same settings is fine).
/// </summary>
internal static class AmqpTopology
{
    public const string PlaceOrderKey = "order.place";
    public const string CancelOrderKey = "order.cancel";

    /// <summary>Binds every other routing key too, so a message under an unknown key is received and rejected, never silently unroutable.</summary>
    public const string CatchAllKey = "#";

    public static async Task DeclareAsync(IChannel channel, RabbitMqAdapterOptions options, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(options.Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var key in new[] { PlaceOrderKey, CancelOrderKey, CatchAllKey })
        {
            await channel.QueueBindAsync(options.Queue, options.Exchange, key, cancellationToken: cancellationToken);
        }

        await AmqpRetries.DeclareAsync(channel, options, cancellationToken);
        await channel.QueueDeclareAsync(options.RejectedQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(options.EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
    }
}
