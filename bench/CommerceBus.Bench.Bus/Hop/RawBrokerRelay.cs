using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.Bench.Bus.Hop;

/// <summary>
/// The baseline: RabbitMQ.Client consumes from a queue and republishes each body, persistent and confirmed, then
/// acknowledges; the same prefetch and consumer concurrency as the hub's AMQP adapter.
/// </summary>
internal sealed class RawBrokerRelay : IRelay
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private RawBrokerRelay(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public string Name => "raw broker round trip (RabbitMQ.Client)";

    public string Exchange => "";

    public string RoutingKey => "bench.raw.in";

    public string OutQueue => "bench.raw.out";

    public static async Task<RawBrokerRelay> StartAsync(Uri broker)
    {
        var connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "bench-raw-relay" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: 4));
        var relay = new RawBrokerRelay(connection, channel);
        await channel.QueueDeclareAsync(relay.RoutingKey, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(relay.OutQueue, durable: true, exclusive: false, autoDelete: false);
        await channel.BasicQosAsync(0, 16, global: false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var properties = new BasicProperties(delivery.BasicProperties) { Persistent = true };
            await channel.BasicPublishAsync("", relay.OutQueue, mandatory: true, properties, delivery.Body);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(relay.RoutingKey, autoAck: false, consumer);
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
