namespace CommerceBus.Core.Scheduling;

/// <summary>The headers of a scheduler job's failed message.</summary>
public static class ScheduledJobHeaders
{
    /// <summary>Names the scheduler job a failed message came from, so an operator's retry requeues that job.</summary>
    public const string JobId = "Hangfire-JobId";
}
