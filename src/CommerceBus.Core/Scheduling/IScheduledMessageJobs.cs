namespace CommerceBus.Core.Scheduling;

/// <summary>
/// The scheduler as the engine sees it: a message sent later (delayed redelivery), and an operator's retry or discard of
/// a scheduler job that failed for good. CommerceBus.Scheduling.Hangfire implements it on Hangfire.
/// </summary>
public interface IScheduledMessageJobs
{
    /// <summary>Sends <paramref name="message"/> to its destination after <paramref name="delay"/>, with its envelope.</summary>
    void Schedule(ScheduledMessageData message, TimeSpan delay);

    /// <summary>
    /// Whether a message scheduled by a process that then died is still sent (Hangfire on PostgreSQL), or died with it
    /// (Hangfire in memory, the embedded default).
    /// </summary>
    bool SurvivesRestart { get; }

    /// <summary>Runs the failed job <paramref name="jobId"/> again; false when the scheduler has no such job any more.</summary>
    bool Requeue(string jobId);

    /// <summary>Deletes the failed job <paramref name="jobId"/>.</summary>
    void Delete(string jobId);
}
