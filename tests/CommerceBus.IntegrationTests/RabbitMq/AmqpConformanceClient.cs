using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// The conformance suite's client for the AMQP adapter: publishes to commerce.inbound with a fresh message id and
/// reads the hub's answer from its own <c>reply_to</c> queue (the adapter answers there when asked). The AMQP contract
/// has no status query, so <see cref="GetStatusAsync"/> is never called (the adapter declares SupportsStatusQuery=false).
/// </summary>
public sealed class AmqpConformanceClient : IAdapterClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly AmqpTestClient _client;
    private readonly IChannel _replies;
    private readonly string _replyQueue;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AmqpReply>> _waiting = new();

    private AmqpConformanceClient(AmqpTestClient client, IChannel replies, string replyQueue)
    {
        _client = client;
        _replies = replies;
        _replyQueue = replyQueue;
    }

    public static async Task<AmqpConformanceClient> ConnectAsync(string brokerUri)
    {
        var client = await AmqpTestClient.ConnectAsync(brokerUri);
        var connection = await new ConnectionFactory { Uri = new Uri(brokerUri) }.CreateConnectionAsync();
        var replies = await connection.CreateChannelAsync();
        var queue = await replies.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        var conformance = new AmqpConformanceClient(client, replies, queue.QueueName);
        var consumer = new AsyncEventingBasicConsumer(replies);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.CorrelationId is { } id && conformance._waiting.TryGetValue(id, out var waiting))
            {
                waiting.TrySetResult(JsonSerializer.Deserialize<AmqpReply>(delivery.Body.Span, Json)!);
            }

            return Task.CompletedTask;
        };
        await replies.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return conformance;
    }

    public Task<AdapterReply> PlaceOrderAsync(PlaceOrder order, CancellationToken cancellationToken) =>
        SendAsync("order.place", AmqpTestClient.Json(order), cancellationToken);

    public Task<AdapterReply> CancelOrderAsync(string orderNumber, string reason, CancellationToken cancellationToken) =>
        SendAsync("order.cancel", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { orderNumber, reason }, Json)), cancellationToken);

    public Task<string?> GetStatusAsync(string orderNumber, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The AMQP contract has no status query.");

    public async ValueTask DisposeAsync()
    {
        await _replies.CloseAsync();
        _replies.Dispose();
        await _client.DisposeAsync();
    }

    private async Task<AdapterReply> SendAsync(string routingKey, byte[] body, CancellationToken cancellationToken)
    {
        var messageId = Guid.NewGuid().ToString();
        var waiting = new TaskCompletionSource<AmqpReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[messageId] = waiting;
        await _client.PublishAsync(routingKey, body, AmqpTestClient.Properties(messageId, replyTo: _replyQueue));
        var reply = await waiting.Task.WaitAsync(Eventually.DefaultTimeout, cancellationToken);
        return reply.Outcome switch
        {
            "Accepted" or "Duplicate" => AdapterReply.Yes(reply.TrackingId, reply.Reason),
            "Invalid" => AdapterReply.No(Refusal.Invalid, reply.Reason),
            "Conflict" => AdapterReply.No(Refusal.Conflict, reply.Reason),
            "NotFound" => AdapterReply.No(Refusal.NotFound, reply.Reason),
            _ => AdapterReply.No(Refusal.Unavailable, reply.Reason),
        };
    }
}
