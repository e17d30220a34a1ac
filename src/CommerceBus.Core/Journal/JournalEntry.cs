using CommerceBus.Abstractions.Diagnostics;

namespace CommerceBus.Core.Journal;

/// <summary>One message the hub handled: where it came from, where it went, what came of it and how long it took.</summary>
public sealed class JournalEntry
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public required string CorrelationId { get; set; }
    public Guid? CausationId { get; set; }
    public required string SourceAdapter { get; set; }

    /// <summary>The authenticated client that sent the message (<c>EnvelopeHeaders.ClientId</c>); null where none was named.</summary>
    public string? ClientId { get; set; }

    /// <summary>The canonical type with its version, e.g. <c>PlaceOrder.v1</c>.</summary>
    public required string MessageType { get; set; }

    public JournalDirection Direction { get; set; }
    public string? OrderNumber { get; set; }
    public Guid? TrackingId { get; set; }

    /// <summary>The route (rule names) the router chose.</summary>
    public string? Route { get; set; }

    /// <summary>The logical endpoint(s) the message went to.</summary>
    public string? Destination { get; set; }

    public required string Outcome { get; set; }
    public string? Detail { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime CompletedAt { get; set; }
    public double DurationMs { get; set; }

    /// <summary>
    /// The W3C trace id (32 hex digits) of the span the entry was written in, so an order's journal links to its trace;
    /// taken where the entry is made, which is always inside the handling of its message.
    /// </summary>
    public string? TraceId { get; set; } = TraceContext.CurrentTraceId();
}

/// <summary>Which way a journaled message travelled.</summary>
public enum JournalDirection
{
    /// <summary>Came into the hub through an inbound adapter.</summary>
    Inbound,

    /// <summary>Delivered by the hub to a business endpoint.</summary>
    Outbound,

    /// <summary>A business endpoint's answer, or an event inside the hub, handled by the order flow.</summary>
    Internal,
}
