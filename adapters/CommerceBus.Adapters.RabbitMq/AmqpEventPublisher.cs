using System.Text;
using System.Text.Json;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Events;
using CommerceBus.Contracts.Orders;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// Publishes the order outcome events to the <c>commerce.events</c> topic exchange (routing keys <c>order.accepted</c>,
/// <c>order.completed</c>, <c>order.failed</c>, <c>order.cancelled</c>), persistent and confirmed by the broker.
/// </summary>
/// <remarks>A publish that fails throws, so the hub's bus retries the event: subscribers may see an event twice (same message id).</remarks>
internal sealed class AmqpEventPublisher(AmqpConnection connection, IOptions<RabbitMqAdapterOptions> options, TimeProvider clock) : IHubEventObserver, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    public async Task OnEventAsync(HubEventNotice notice, CancellationToken cancellationToken)
    {
        if (notice.Family != OrderFamily.Name)
        {
            // The wire contract (contracts/wire/amqp) has order events only.
            return;
        }

        var routingKey = OrderFamily.Name + "." + notice.Kind.ToLowerInvariant();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new AmqpOrderEvent(notice.Key, notice.TrackingId, notice.Status, notice.Reason, notice.CorrelationId), Json));
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = notice.EventId.ToString(),
            CorrelationId = notice.CorrelationId,
            Type = routingKey,
            AppId = "commercebus",
            Timestamp = new AmqpTimestamp(clock.GetUtcNow().ToUnixTimeSeconds()),
        };
        if (TraceContext.CurrentTraceParent() is { } traceParent)
        {
            // The order's trace goes on with the subscriber (W3C trace context in AMQP headers).
            properties.Headers = new Dictionary<string, object?> { [TraceContext.TraceParent] = traceParent };
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            try
            {
                await channel.BasicPublishAsync(options.Value.EventsExchange, routingKey, mandatory: false, properties, body, cancellationToken)
                    .AsTask().WaitAsync(options.Value.PublishTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The confirm will not come on this channel; the next event gets a new one, and the bus retries this one.
                _channel = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        // A channel closed by the broker for an error is not recovered automatically; one lost with the connection is.
        if (_channel is { IsClosed: false } open)
        {
            return open;
        }

        var created = await (await connection.GetAsync(cancellationToken)).CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await created.ExchangeDeclareAsync(options.Value.EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        _channel = created;
        return created;
    }
}
