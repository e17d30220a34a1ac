namespace CommerceBus.Conformance.Outbound;

/// <summary>What an endpoint saw of one command: how often it arrived and how often it was applied.</summary>
public sealed record EndpointRecord(int Received, int Applied);
