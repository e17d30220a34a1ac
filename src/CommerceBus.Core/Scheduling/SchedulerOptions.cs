namespace CommerceBus.Core.Scheduling;

/// <summary>The Hangfire scheduler behind the bus's message scheduling (configuration <c>CommerceBus:Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    /// <summary>How often due jobs are looked for; a timeout fires at most this late.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int WorkerCount { get; set; } = 2;

    /// <summary>How many times Hangfire retries a failed job (with its growing delays) before the job fails for good and is put in the failed-message store.</summary>
    public int JobRetries { get; set; } = 10;

}
