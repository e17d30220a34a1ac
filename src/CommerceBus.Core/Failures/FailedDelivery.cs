using CommerceBus.Contracts.Envelope;
using CommerceBus.Core.Dispatch.Recoverability;

namespace CommerceBus.Core.Failures;

/// <summary>
/// A routed command whose delivery to one endpoint failed every attempt, or an inbound message the intake gave up on (no
/// route, its queue as the endpoint): what the failed-message store keeps.
/// </summary>
public sealed record FailedDelivery(
    object Command,
    MessageEnvelope Envelope,
    IReadOnlyDictionary<string, string> Headers,
    string Endpoint,
    string? Route,
    string? OrderNumber,
    Guid? TrackingId,
    IReadOnlyList<DeliveryAttempt> Attempts,
    Exception LastException,
    long? ReplayOf,
    string Kind = FailedMessageKind.Delivery);
