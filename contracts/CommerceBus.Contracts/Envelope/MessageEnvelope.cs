namespace CommerceBus.Contracts.Envelope;

/// <summary>The one envelope every canonical message travels in, whatever adapter it came through.</summary>
public sealed record MessageEnvelope
{
    /// <summary>Unique per message; a re-sent message keeps its id so the hub can process it at most once.</summary>
    public Guid MessageId { get; init; }

    /// <summary>Shared by every message of one business flow; kept through the whole flow when a client supplies it.</summary>
    public string CorrelationId { get; init; } = "";

    /// <summary>The message that caused this one; empty for a message that entered the hub from outside.</summary>
    public Guid? CausationId { get; init; }

    /// <summary>The adapter (and, where the wire says so, the application) the message entered through.</summary>
    public string SourceAdapter { get; init; } = "";

    /// <summary>The canonical type with its version, e.g. <c>PlaceOrder.v1</c>.</summary>
    public string MessageType { get; init; } = "";

    public DateTimeOffset ReceivedAt { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
