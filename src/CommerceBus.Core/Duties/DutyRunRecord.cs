namespace CommerceBus.Core.Duties;

/// <summary>
/// One run of a periodic duty (the <c>duty_runs</c> table): which duty, which hub instance ran it, when, how many rows it
/// affected and how it ended. Counting them shows that each duty ran once per period across the hubs.
/// </summary>
public sealed class DutyRunRecord
{
    /// <summary>The outcome of a run that finished.</summary>
    public const string Ok = "ok";

    /// <summary>The outcome of a run that threw (the duty logs why; its next period tries again).</summary>
    public const string Failed = "failed";

    public long Id { get; set; }

    /// <summary>The duty's stable name: <c>stalled-redrive</c>, <c>outbox-sweep</c>, <c>retention</c>, <c>startup-recovery</c>.</summary>
    public required string Duty { get; set; }

    /// <summary>The hub instance that ran it (<c>CommerceBus:InstanceId</c>).</summary>
    public required string Instance { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime FinishedAt { get; set; }

    /// <summary>The rows the run affected (re-driven, sent, deleted).</summary>
    public int Items { get; set; }

    /// <summary><see cref="Ok"/> or <see cref="Failed"/>.</summary>
    public required string Outcome { get; set; }
}
