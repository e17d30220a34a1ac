using CommerceBus.Core.Scheduling;
using Hangfire;
using Hangfire.InMemory;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>The engine's scheduler seam on Hangfire: a scheduled message is a <see cref="ScheduledMessageJob"/>.</summary>
internal sealed class HangfireScheduledMessageJobs(IBackgroundJobClient jobs, JobStorage storage) : IScheduledMessageJobs
{
    public bool SurvivesRestart => storage is not InMemoryStorage;

    public void Schedule(ScheduledMessageData message, TimeSpan delay) =>
        jobs.Schedule<ScheduledMessageJob>(job => job.SendAsync(message), delay);

    public bool Requeue(string jobId) => jobs.Requeue(jobId);

    public void Delete(string jobId) => jobs.Delete(jobId);
}
