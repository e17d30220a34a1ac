namespace CommerceBus.Abstractions.Inbound;

/// <summary>An inbound message an adapter gave up on: the message, where it was taken from, why, and every try.</summary>
public sealed record InboundFailure
{
    public required InboundMessage Message { get; init; }

    /// <summary>Where the adapter took the message from, e.g. the AMQP queue <c>commerce.inbound.hub</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Why it was given up, e.g. "the hub answered 'unavailable' 11 times: …".</summary>
    public required string Reason { get; init; }

    /// <summary>Where the adapter kept the message after giving up, e.g. the queue <c>commerce.inbound.rejected</c>.</summary>
    public string? KeptIn { get; init; }

    public IReadOnlyList<InboundAttempt> Attempts { get; init; } = [];
}
