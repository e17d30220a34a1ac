using System.Collections.Concurrent;
using System.Text.Json;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Conformance;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>Records the events published to commerce.events, as a subscriber of that exchange would see them.</summary>
public sealed class AmqpEventRecorder : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IChannel _channel;

    private AmqpEventRecorder(IChannel channel) => _channel = channel;

    public ConcurrentQueue<RecordedEvent> Events { get; } = new();

    public static async Task<AmqpEventRecorder> StartAsync(IConnection connection, string exchange)
    {
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, "order.#");
        var recorder = new AmqpEventRecorder(channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var body = JsonSerializer.Deserialize<AmqpOrderEvent>(delivery.Body.Span, Json)!;
            recorder.Events.Enqueue(new RecordedEvent(delivery.RoutingKey, body, delivery.BasicProperties.CorrelationId, delivery.BasicProperties.MessageId));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return recorder;
    }

    /// <summary>Waits for an event under <paramref name="routingKey"/> about the order.</summary>
    public async Task<RecordedEvent> WaitForAsync(string routingKey, string orderNumber) =>
        (await Eventually.MatchAsync(
            () => Task.FromResult(Events.FirstOrDefault(e => e.RoutingKey == routingKey && e.Body.OrderNumber == orderNumber)),
            e => e is not null,
            $"{routingKey} for order {orderNumber} on commerce.events"))!;

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        _channel.Dispose();
    }
}

/// <summary>One event as it arrived on commerce.events.</summary>
public sealed record RecordedEvent(string RoutingKey, AmqpOrderEvent Body, string? CorrelationId, string? MessageId);
