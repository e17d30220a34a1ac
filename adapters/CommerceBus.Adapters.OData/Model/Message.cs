using CommerceBus.Core.Journal;

namespace CommerceBus.Adapters.OData.Model;

/// <summary>One message of the hub's journal: where it came from, the route it took, where it went and what came of it.</summary>
public sealed class Message
{
    public long Id { get; init; }
    public Guid MessageId { get; init; }
    public required string CorrelationId { get; init; }
    public Guid? CausationId { get; init; }
    public required string SourceAdapter { get; init; }

    /// <summary>The authenticated client that sent the message (or, for an operator action, the operator).</summary>
    public string? ClientId { get; init; }
    public required string MessageType { get; init; }
    public JournalDirection Direction { get; init; }
    public string? OrderNumber { get; init; }
    public Guid? TrackingId { get; init; }
    public string? Route { get; init; }
    public string? Destination { get; init; }
    public required string Outcome { get; init; }
    public string? Detail { get; init; }
    public DateTime ReceivedAt { get; init; }
    public DateTime CompletedAt { get; init; }
    public double DurationMs { get; init; }

    /// <summary>The W3C trace id of the span the entry was written in: the order's trace in a tracing tool.</summary>
    public string? TraceId { get; init; }
}
