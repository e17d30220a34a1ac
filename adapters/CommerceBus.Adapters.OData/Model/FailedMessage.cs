namespace CommerceBus.Adapters.OData.Model;

/// <summary>A message that exhausted its retries, with the reason it failed.</summary>
public sealed class FailedMessage
{
    public long Id { get; init; }
    public Guid MessageId { get; init; }
    public string? CorrelationId { get; init; }
    public required string MessageType { get; init; }
    public string? Endpoint { get; init; }
    public required string Reason { get; init; }
    public string? Body { get; init; }
    public string? Headers { get; init; }
    public int Attempts { get; init; }
    public DateTime FailedAt { get; init; }
}
