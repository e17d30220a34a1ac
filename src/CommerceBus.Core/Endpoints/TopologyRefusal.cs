namespace CommerceBus.Core.Endpoints;

/// <summary>A reload the hub refused, and why; the snapshot in force stayed.</summary>
/// <param name="At">When the reload was refused.</param>
/// <param name="Problems">Every problem of the refused configuration, each naming its setting.</param>
public sealed record TopologyRefusal(DateTimeOffset At, IReadOnlyList<string> Problems);
