using System.Text;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using RabbitMQ.Client;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>An internal application as the AMQP contract sees it: a plain RabbitMQ.Client publisher with confirms.</summary>
public sealed class AmqpTestClient : IAsyncDisposable
{
    public const string InboundExchange = "commerce.inbound";
    public const string RejectedQueue = "commerce.inbound.rejected";
    public const string EventsExchange = "commerce.events";

    private readonly IConnection _connection;

    private AmqpTestClient(IConnection connection, IChannel channel)
    {
        _connection = connection;
        Channel = channel;
    }

    /// <summary>A channel with publisher confirms: a publish returns once the broker owns the message.</summary>
    public IChannel Channel { get; }

    public static async Task<AmqpTestClient> ConnectAsync(string brokerUri)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(brokerUri), ClientProvidedName = "commercebus-tests" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new AmqpTestClient(connection, channel);
    }

    /// <summary>The properties the contract asks publishers for.</summary>
    public static BasicProperties Properties(string? messageId, string? correlationId = null, string? replyTo = null) => new()
    {
        ContentType = "application/json",
        DeliveryMode = DeliveryModes.Persistent,
        MessageId = messageId,
        CorrelationId = correlationId,
        AppId = "tests",
        ReplyTo = replyTo,
        Headers = new Dictionary<string, object?> { ["x-tenant"] = "acme" },
    };

    public static byte[] Json(object command) => Encoding.UTF8.GetBytes(CanonicalJson.Serialize(command));

    public async Task PublishAsync(string routingKey, byte[] body, BasicProperties properties) =>
        await Channel.BasicPublishAsync(InboundExchange, routingKey, mandatory: false, properties, body);

    /// <summary>Starts recording the events on commerce.events (through a queue of its own, bound before anything is published).</summary>
    public Task<AmqpEventRecorder> ListenToEventsAsync() => AmqpEventRecorder.StartAsync(_connection, EventsExchange);

    /// <summary>Waits for the message with this id in the rejected queue, and takes it off the queue.</summary>
    public async Task<RejectedMessage> TakeRejectedAsync(string messageId)
    {
        var found = await Eventually.MatchAsync(
            async () =>
            {
                var got = await Channel.BasicGetAsync(RejectedQueue, autoAck: true);
                return got is null ? null : new RejectedMessage(got.BasicProperties, got.Body.ToArray(), got.RoutingKey);
            },
            m => m is not null && m.Properties.MessageId == messageId,
            $"message {messageId} in {RejectedQueue}");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.CloseAsync();
        await _connection.CloseAsync();
        Channel.Dispose();
        _connection.Dispose();
    }
}
