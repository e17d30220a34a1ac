using CommerceBus.Contracts.Envelope;

namespace CommerceBus.Abstractions.Outbound;

/// <summary>A canonical command on its way to one business endpoint.</summary>
public sealed record OutboundMessage
{
    /// <summary>The logical endpoint the router chose, e.g. <c>erp-eu</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The canonical command (<c>ReserveStock</c>, <c>BookOrder</c>, ...).</summary>
    public required object Command { get; init; }

    public required MessageEnvelope Envelope { get; init; }

    /// <summary>
    /// The process instance the command belongs to (the order's tracking id, which is also its saga's id). Transports
    /// that correlate by id, like the bus, carry it so the answer finds its way back.
    /// </summary>
    public Guid? InstanceId { get; init; }

    /// <summary>
    /// A key that is the same every time this command is delivered again (a retry, a replay, a recovery after a crash),
    /// so that endpoints can apply it at most once.
    /// </summary>
    public required string IdempotencyKey { get; init; }
}
