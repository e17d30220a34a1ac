namespace CommerceBus.Adapters.RabbitMq;

/// <summary>The headers the adapter adds to a rejected message; the rest of the message stays as it was published.</summary>
public static class AmqpHeaders
{
    /// <summary>Names the field and the rule the message broke (or why it could not be read).</summary>
    public const string Reason = "x-commercebus-reason";

    /// <summary>The hub's answer: <c>Invalid</c>, <c>Conflict</c>, <c>NotFound</c>, or <c>Unavailable</c> (no route takes it, or it was given up after its retries).</summary>
    public const string Outcome = "x-commercebus-outcome";

    /// <summary>The routing key the message was published with (the rejected queue is reached under its own name).</summary>
    public const string RoutingKey = "x-commercebus-routing-key";

    /// <summary>The exchange the message was published to.</summary>
    public const string Exchange = "x-commercebus-exchange";

    /// <summary>The tries so far of a message the hub answered "unavailable", as JSON <c>[{at, answer}]</c> (the latest 20).</summary>
    public const string Attempts = "x-commercebus-attempts";
}
