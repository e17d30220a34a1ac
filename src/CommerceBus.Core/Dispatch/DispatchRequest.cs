using CommerceBus.Contracts.Envelope;
using CommerceBus.Routing;

namespace CommerceBus.Core.Dispatch;

/// <summary>
/// A routed command ready for delivery: the command, its envelope, the router's decision, its process instance and the
/// business key it is about (an order number), which the journal and traces name.
/// </summary>
public sealed record DispatchRequest(object Command, MessageEnvelope Envelope, RouteDecision Route, Guid? InstanceId, string? Key = null);
