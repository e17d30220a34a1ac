namespace CommerceBus.Abstractions.Inbound;

/// <summary>
/// Where an inbound adapter records a message it gave up on after the hub kept answering "unavailable", so an operator
/// finds it with its reason among the hub's failed messages.
/// </summary>
public interface IInboundFailureRecorder
{
    /// <summary>Records the failure; throws when it cannot (the hub's storage is away), and the adapter tries again later.</summary>
    Task RecordAsync(InboundFailure failure, CancellationToken cancellationToken);
}
