namespace CommerceBus.Abstractions.Outbound;

/// <summary>What came of delivering a command to a business endpoint.</summary>
/// <remarks>
/// A business refusal (out of stock, payment declined) is a <see cref="Reply"/>: a canonical reply event. A technical
/// failure (timeout, connection refused, a 503) is an exception from <see cref="IEndpointConnector.DeliverAsync"/>, which
/// the hub retries.
/// </remarks>
public sealed record DeliveryResult
{
    /// <summary>The endpoint's answer as a canonical reply, for request-reply endpoints.</summary>
    public object? Reply { get; init; }

    /// <summary>What the connector has to say for the journal (the ERP's booking number, the HTTP status, ...).</summary>
    public string? Detail { get; init; }

    /// <summary>The endpoint answered; the hub publishes the reply to whoever waits for it.</summary>
    public static DeliveryResult Replied(object reply, string? detail = null) => new() { Reply = reply, Detail = detail };

    /// <summary>The endpoint took the command and will answer on its own (a message-driven service).</summary>
    public static DeliveryResult Handed(string? detail = null) => new() { Detail = detail };
}
