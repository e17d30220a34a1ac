namespace CommerceBus.Core.Failures;

/// <summary>
/// A message that exhausted its retries: enough to tell why it failed and to send it again (the failed-message store,
/// replayed through <c>/api/failed-messages</c>). Routed commands are recorded per endpoint with their attempt
/// history; other bus faults are recorded from MassTransit's <c>Fault&lt;T&gt;</c>.
/// </summary>
public sealed class FailedMessageRecord
{
    public long Id { get; set; }

    /// <summary><see cref="FailedMessageKind"/>: where it failed; null (a row from before kinds) is a delivery.</summary>
    public string? Kind { get; set; }

    public Guid MessageId { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>The canonical type (or the CLR type name when the message is not canonical).</summary>
    public required string MessageType { get; set; }

    /// <summary>The logical endpoint delivery failed to (for other bus faults and queue errors, the queue where it failed; for a scheduler job, <c>hangfire</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The route (rule names) that chose the endpoint.</summary>
    public string? Route { get; set; }

    /// <summary>The order the message belongs to, when it belongs to one.</summary>
    public string? OrderNumber { get; set; }

    public Guid? TrackingId { get; set; }

    /// <summary>The exception type and message of the last attempt.</summary>
    public required string Reason { get; set; }

    /// <summary>The full name of the last attempt's exception type (what a group retry matches on).</summary>
    public string? ExceptionType { get; set; }

    /// <summary>The last attempt's exception message.</summary>
    public string? ExceptionMessage { get; set; }

    /// <summary>The last attempt's stack trace.</summary>
    public string? StackTrace { get; set; }

    /// <summary>The message as JSON (canonical JSON for canonical messages).</summary>
    public string? Body { get; set; }

    /// <summary>Its headers as a JSON object.</summary>
    public string? Headers { get; set; }

    /// <summary>Deliveries tried.</summary>
    public int Attempts { get; set; }

    /// <summary>Every failed attempt as a JSON array of <c>{At, Endpoint, Round, ExceptionType, Message}</c>.</summary>
    public string? AttemptHistory { get; set; }

    public DateTime FailedAt { get; set; }

    /// <summary><see cref="FailedMessageStatus"/>: Failed until an operator retries or discards it.</summary>
    public string Status { get; set; } = FailedMessageStatus.Failed;

    /// <summary>When and by whom it was retried or discarded.</summary>
    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>The failed message this one is a failed replay of.</summary>
    public long? ReplayOf { get; set; }
}
