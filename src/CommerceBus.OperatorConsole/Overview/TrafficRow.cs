namespace CommerceBus.OperatorConsole.Overview;

/// <summary>What one adapter took in, or one endpoint was sent, over the overview's window.</summary>
/// <param name="Name">The adapter (<c>rest</c>, <c>soap</c>, ...) or the endpoint (<c>payments</c>, ...).</param>
/// <param name="Messages">Journal entries in the window.</param>
/// <param name="Failures">Of those, the ones refused (intake) or failed (delivery).</param>
/// <param name="PerMinute">Messages per minute over the window.</param>
/// <param name="AverageMs">Mean handling time.</param>
/// <param name="MaxMs">Longest handling time.</param>
public sealed record TrafficRow(string Name, long Messages, long Failures, double PerMinute, double AverageMs, double MaxMs);
