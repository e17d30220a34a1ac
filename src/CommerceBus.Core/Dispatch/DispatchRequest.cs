using CommerceBus.Contracts.Envelope;
using CommerceBus.Routing;

namespace CommerceBus.Core.Dispatch;

/// <summary>A routed command ready for delivery: the command, its envelope, the router's decision and its process instance.</summary>
public sealed record DispatchRequest(object Command, MessageEnvelope Envelope, RouteDecision Route, Guid? InstanceId);
