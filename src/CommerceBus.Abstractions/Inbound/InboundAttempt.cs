namespace CommerceBus.Abstractions.Inbound;

/// <summary>One try of an inbound message: when, and the hub's answer.</summary>
public sealed record InboundAttempt(DateTimeOffset At, string Answer);
