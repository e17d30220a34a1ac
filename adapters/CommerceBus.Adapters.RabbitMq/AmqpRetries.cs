using System.Globalization;
using System.Text;
using System.Text.Json;
using CommerceBus.Abstractions.Inbound;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// The intake's retries of a message the hub answered "unavailable": a copy waits in a delay queue (one per delay, whose
/// message TTL is the delay and whose dead-letter target is the hub's queue) and comes back with its tries so far in
/// <see cref="AmqpHeaders.Attempts"/>. No consumer slot is held while it waits.
/// </summary>
internal static class AmqpRetries
{
    /// <summary>The tries kept in the header: the latest ones, so a message that keeps cycling does not grow without end.</summary>
    private const int KeptTries = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The wait before retry <paramref name="retry"/> (1-based): doubling from <c>UnavailableBackoff</c>, at most <c>UnavailableBackoffMax</c>.</summary>
    public static TimeSpan DelayBefore(int retry, RabbitMqAdapterOptions options)
    {
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        var delay = TimeSpan.FromMilliseconds(options.UnavailableBackoff.TotalMilliseconds * factor);
        return delay < options.UnavailableBackoffMax ? delay : options.UnavailableBackoffMax;
    }

    /// <summary>Every delay a retry can wait, once each: the delay queues to declare.</summary>
    public static IEnumerable<TimeSpan> Delays(RabbitMqAdapterOptions options) =>
        Enumerable.Range(1, Math.Max(options.UnavailableRetries, 1)).Select(r => DelayBefore(r, options)).Distinct();

    /// <summary>The delay queue of one delay, e.g. <c>commerce.inbound.hub.delay.4000ms</c>.</summary>
    public static string QueueOf(TimeSpan delay, RabbitMqAdapterOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"{options.Queue}.delay.{(long)delay.TotalMilliseconds}ms");

    public static async Task DeclareAsync(IChannel channel, RabbitMqAdapterOptions options, CancellationToken cancellationToken)
    {
        foreach (var delay in Delays(options))
        {
            var arguments = new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = options.Queue,
            };
            await channel.QueueDeclareAsync(QueueOf(delay, options), durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Whether the delivery is a retry coming back from a delay queue (dead-lettered to the hub's queue through the
    /// default exchange). Only then are the adapter's own headers believed: a message an operator sends again from the
    /// rejected queue, through the exchange, starts with a clean slate.
    /// </summary>
    public static bool IsRetry(BasicDeliverEventArgs delivery, RabbitMqAdapterOptions options) =>
        delivery.Exchange.Length == 0 && delivery.RoutingKey == options.Queue && Text(delivery.BasicProperties, AmqpHeaders.RoutingKey) is not null;

    /// <summary>The routing key the message was published with: kept in a header while it goes round the delay queues.</summary>
    public static string RoutingKeyOf(BasicDeliverEventArgs delivery, RabbitMqAdapterOptions options) =>
        IsRetry(delivery, options) ? Text(delivery.BasicProperties, AmqpHeaders.RoutingKey)! : delivery.RoutingKey;

    public static string ExchangeOf(BasicDeliverEventArgs delivery, RabbitMqAdapterOptions options) =>
        IsRetry(delivery, options) ? Text(delivery.BasicProperties, AmqpHeaders.Exchange) ?? "" : delivery.Exchange;

    /// <summary>The tries before this delivery, oldest first (none for a message fresh from its publisher).</summary>
    public static List<InboundAttempt> TriesOf(BasicDeliverEventArgs delivery, RabbitMqAdapterOptions options)
    {
        if (!IsRetry(delivery, options) || Text(delivery.BasicProperties, AmqpHeaders.Attempts) is not { } json)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<InboundAttempt>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string Serialize(List<InboundAttempt> tries) =>
        JsonSerializer.Serialize(tries.Count > KeptTries ? tries[^KeptTries..] : tries, Json);

    public static string? Text(IReadOnlyBasicProperties properties, string header) =>
        properties.Headers is { } headers && headers.TryGetValue(header, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string s => s,
                _ => null,
            }
            : null;
}
