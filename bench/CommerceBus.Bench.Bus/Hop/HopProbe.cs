using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.Bench.Bus.Hop;

/// <summary>
/// The outside application of the hop: publishes orders (persistent, with publisher confirms, as RabbitMQ.Client
/// clients do) and counts one done only when the order arrives on the out queue. The same probe measures every relay,
/// so the three results differ only by what sits between the in and the out side.
/// </summary>
internal sealed class HopProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _publisher;
    private readonly IChannel _receiver;
    private readonly string _exchange;
    private readonly string _routingKey;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private int _sequence;

    private HopProbe(IConnection connection, IChannel publisher, IChannel receiver, string exchange, string routingKey)
    {
        _connection = connection;
        _publisher = publisher;
        _receiver = receiver;
        _exchange = exchange;
        _routingKey = routingKey;
    }

    /// <summary>Publishes to <paramref name="exchange"/>/<paramref name="routingKey"/>, listens on <paramref name="outQueue"/>.</summary>
    public static async Task<HopProbe> StartAsync(Uri broker, string exchange, string routingKey, string outQueue)
    {
        var connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "bench-probe" }.CreateConnectionAsync();
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var receiver = await connection.CreateChannelAsync();
        await receiver.QueueDeclareAsync(outQueue, durable: true, exclusive: false, autoDelete: false);
        await receiver.BasicQosAsync(0, 64, global: false);
        var probe = new HopProbe(connection, publisher, receiver, exchange, routingKey);
        var consumer = new AsyncEventingBasicConsumer(receiver);
        consumer.ReceivedAsync += probe.OnArrivedAsync;
        await receiver.BasicConsumeAsync(outQueue, autoAck: false, consumer);
        return probe;
    }

    /// <summary>Sends <paramref name="count"/> orders from <paramref name="concurrency"/> senders; messages per second end to end and this process's CPU milliseconds per message.</summary>
    public async Task<(double Rate, double CpuMs)> RunAsync(string prefix, int count, int concurrency)
    {
        var remaining = count;
        var cpu = Reporting.CpuClock.Start();
        var watch = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await SendOneAsync(prefix);
            }
        });
        await Task.WhenAll(senders);
        return (count / watch.Elapsed.TotalSeconds, cpu.MillisecondsPer(count));
    }

    private async Task SendOneAsync(string prefix)
    {
        var orderNumber = $"{prefix}{Interlocked.Increment(ref _sequence):D9}";
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[orderNumber] = arrived;
        var properties = new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            CorrelationId = orderNumber,
            ContentType = "application/json",
            AppId = "bench",
            Persistent = true,
        };
        await _publisher.BasicPublishAsync(_exchange, _routingKey, mandatory: true, properties, OrderBody(orderNumber));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task OnArrivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        if (OrderNumberIn(delivery.Body.Span) is { } orderNumber && _waiting.TryRemove(orderNumber, out var arrived))
        {
            arrived.TrySetResult();
        }

        await _receiver.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    }

    /// <summary>The first <c>orderNumber</c> in the body: at the top of a plain order, under <c>message</c> in a MassTransit envelope.</summary>
    private static string? OrderNumberIn(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("orderNumber"u8) && reader.Read())
            {
                return reader.GetString();
            }
        }

        return null;
    }

    private static byte[] OrderBody(string orderNumber) => Encoding.UTF8.GetBytes(
        $$"""
        {"orderNumber":"{{orderNumber}}","customerId":"C-42","currency":"EUR","region":"EU",
         "shipTo":{"name":"Ada Lovelace","street":"12 Analytical Way","city":"London","postalCode":"NW1 2DB","country":"GB"},
         "lines":[{"sku":"BOOK-001","quantity":2,"unitPrice":19.99},{"sku":"PEN-777","quantity":1,"unitPrice":3.50}]}
        """);

    public async ValueTask DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _receiver.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
