namespace CommerceBus.Observability.Heartbeats;

/// <summary>What the latest heartbeat probe of one business endpoint found: up or down, since when, and why it is down.</summary>
public sealed record EndpointState(bool IsUp, DateTimeOffset Since, DateTimeOffset CheckedAt, string Probe, string? LastError);
