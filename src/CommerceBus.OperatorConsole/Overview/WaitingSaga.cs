namespace CommerceBus.OperatorConsole.Overview;

/// <summary>An order whose saga waits on a step: since when, and when that step times out.</summary>
public sealed record WaitingSaga(string OrderNumber, Guid TrackingId, string State, string WaitingFor, TimeSpan Age, TimeSpan? TimeoutIn);
