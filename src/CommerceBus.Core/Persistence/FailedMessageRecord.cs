namespace CommerceBus.Core.Persistence;

/// <summary>
/// A message that exhausted its retries: enough to tell why it failed and to send it again. The hub records the faults
/// of its bus consumers here; the failed-message store (replay, purge) builds on this table.
/// </summary>
public sealed class FailedMessageRecord
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>The canonical type (or the CLR type name when the message is not canonical).</summary>
    public required string MessageType { get; set; }

    /// <summary>The endpoint or queue where it failed (for routed commands, the dispatcher's queue; the journal names the endpoint).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The exception type and message of the last attempt.</summary>
    public required string Reason { get; set; }

    /// <summary>The message as JSON.</summary>
    public string? Body { get; set; }

    /// <summary>Its headers as a JSON object.</summary>
    public string? Headers { get; set; }

    /// <summary>Deliveries tried, from the retry count MassTransit puts on the fault (0 when it reports none).</summary>
    public int Attempts { get; set; }
    public DateTime FailedAt { get; set; }
}
