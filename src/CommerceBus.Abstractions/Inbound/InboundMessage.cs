using CommerceBus.Contracts.Validation;

namespace CommerceBus.Abstractions.Inbound;

/// <summary>What an inbound adapter hands the hub: a canonical command and what the wire said about it.</summary>
public sealed record InboundMessage
{
    /// <summary>The canonical command the adapter translated the request into (<c>PlaceOrder</c>, <c>CancelOrder</c>).</summary>
    public required object Command { get; init; }

    /// <summary>The adapter's name, e.g. <c>rest</c>, <c>soap</c>, <c>tcp</c>, <c>amqp:billing-app</c>.</summary>
    public required string SourceAdapter { get; init; }

    /// <summary>The id the client gave the message (AMQP <c>message_id</c>), if any; the hub assigns one otherwise.</summary>
    public Guid? MessageId { get; init; }

    /// <summary>The client's correlation id, if any; kept through the whole flow.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Wire headers worth keeping (routes may match on them).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Fields the adapter could not translate (a quantity that was not a number, say). The pipeline reports them
    /// together with the validator's findings, so the client hears about every bad field at once.
    /// </summary>
    public IReadOnlyList<FieldError> TranslationErrors { get; init; } = [];
}
