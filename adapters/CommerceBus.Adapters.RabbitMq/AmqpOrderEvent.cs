namespace CommerceBus.Adapters.RabbitMq;

/// <summary>The JSON body of an event on <c>commerce.events</c>.</summary>
public sealed record AmqpOrderEvent(string OrderNumber, Guid TrackingId, string Status, string? Reason, string? CorrelationId);
