namespace CommerceBus.Observability.Heartbeats;

/// <summary>What the endpoint heartbeats last found, for whoever shows it (the readiness detail, the operator console).</summary>
public interface IEndpointHeartbeats
{
    /// <summary>The latest state of each probed endpoint (empty before the first round, or with the heartbeats off).</summary>
    IReadOnlyDictionary<string, EndpointState> States { get; }
}
