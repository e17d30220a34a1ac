using Microsoft.Extensions.Configuration;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>Options of the AMQP inbound adapter (configuration <c>CommerceBus:Adapters:RabbitMq</c>).</summary>
public sealed class RabbitMqAdapterOptions
{
    /// <summary>The broker's AMQP URI; defaults to the hub bus's <c>CommerceBus:RabbitMq:ConnectionString</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The topic exchange internal applications publish to.</summary>
    public string Exchange { get; set; } = "commerce.inbound";

    /// <summary>The hub's own durable queue on <see cref="Exchange"/>.</summary>
    public string Queue { get; set; } = "commerce.inbound.hub";

    /// <summary>The durable queue that keeps every message the hub could not accept.</summary>
    public string RejectedQueue { get; set; } = "commerce.inbound.rejected";

    /// <summary>The topic exchange the order outcome events are published to.</summary>
    public string EventsExchange { get; set; } = "commerce.events";

    /// <summary>
    /// The queues the hub answers on (a regular expression over <c>reply_to</c>); a message asking for a reply anywhere
    /// else is rejected with the reason, so no publisher can make the hub write into another queue. The default allows
    /// the broker's server-named queues and direct reply-to.
    /// </summary>
    public string ReplyToPattern { get; set; } = @"^(amq\.gen-[A-Za-z0-9_\-]+|amq\.rabbitmq\.reply-to(\..+)?)$";

    /// <summary>
    /// The broker users (<c>user_id</c>, which the broker checks against the connection's user) whose messages are taken;
    /// empty: any. A message naming another user is rejected; its user is the client id in the envelope otherwise.
    /// </summary>
    public List<string> AllowedUserIds { get; init; } = [];

    /// <summary>How many unacknowledged messages the broker hands the adapter at once.</summary>
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>
    /// How many messages the adapter hands the hub at the same time. As many as <see cref="PrefetchCount"/> by default:
    /// messages taken at the same time share one transaction and one commit (group commit), so fewer in flight means
    /// more commits per message, not less work.
    /// </summary>
    public int ConsumerConcurrency { get; set; } = 16;

    /// <summary>The largest body accepted, in bytes; a larger one is rejected.</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How often a message the hub could not take now (its storage away, a failure in the hub) is tried again before it
    /// is given up: moved to <see cref="RejectedQueue"/> and recorded among the failed messages. 0 gives up at once.
    /// </summary>
    public int UnavailableRetries { get; set; } = 10;

    /// <summary>The wait before the first retry of a message the hub could not take now; it doubles with each retry.</summary>
    public TimeSpan UnavailableBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two retries.</summary>
    public TimeSpan UnavailableBackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait between attempts to reach the broker.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a publish (to the rejected queue or a delay queue, a reply, an outcome event) waits for the broker's confirm. A confirm pending
    /// when the broker closes the channel may never be answered by the client library; past this the publish fails and
    /// the message is handed back (or the event retried) instead of waiting for ever.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a connection string is configured for the adapter, in the <c>CommerceBus</c> section.</summary>
    public static bool IsConfigured(IConfiguration commerceBus) =>
        !string.IsNullOrWhiteSpace(commerceBus["Adapters:RabbitMq:ConnectionString"]) ||
        !string.IsNullOrWhiteSpace(commerceBus["RabbitMq:ConnectionString"]);
}
