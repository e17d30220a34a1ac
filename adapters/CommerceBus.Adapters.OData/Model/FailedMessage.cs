namespace CommerceBus.Adapters.OData.Model;

/// <summary>
/// A message that exhausted its retries, with the reason it failed, its attempt history and what an operator did about
/// it (the failed-message store; <c>/api/failed-messages</c> acts on it).
/// </summary>
/// <remarks>The stack trace is not queried here: it is shown by <c>/api/failed-messages/{id}</c>, which asks for a credential off the hub's machine.</remarks>
public sealed class FailedMessage
{
    public long Id { get; init; }

    /// <summary>Where it failed: Delivery (to a business endpoint), Error or Skipped (on a hub queue), SchedulerJob, Intake.</summary>
    public required string Kind { get; init; }
    public Guid MessageId { get; init; }
    public string? CorrelationId { get; init; }
    public required string MessageType { get; init; }
    public string? Endpoint { get; init; }
    public string? Route { get; init; }
    public string? OrderNumber { get; init; }
    public Guid? TrackingId { get; init; }
    public required string Reason { get; init; }
    public string? ExceptionType { get; init; }
    public string? ExceptionMessage { get; init; }
    public string? Body { get; init; }
    public string? Headers { get; init; }
    public int Attempts { get; init; }

    /// <summary>Every failed attempt, as a JSON array of <c>{At, Endpoint, Round, ExceptionType, Message}</c>.</summary>
    public string? AttemptHistory { get; init; }
    public DateTime FailedAt { get; init; }

    /// <summary>Failed, Retried or Discarded.</summary>
    public required string Status { get; init; }
    public DateTime? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }

    /// <summary>The failed message this one is a failed replay of.</summary>
    public long? ReplayOf { get; init; }
}
