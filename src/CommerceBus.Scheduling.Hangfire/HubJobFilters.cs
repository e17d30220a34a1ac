using CommerceBus.Core.Scheduling;
using CommerceBus.Core.Retention;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>
/// The job filters of the hub's Hangfire client and server, in place of Hangfire's process-wide ones (several hubs may
/// share a process): Hangfire's defaults, its automatic retry with <see cref="SchedulerOptions.JobRetries"/>, the
/// finished-job retention, and the recorder that puts a job that failed every retry in the failed-message store.
/// </summary>
internal sealed class HubJobFilters(IOptions<SchedulerOptions> scheduler, IOptions<RetentionOptions> retention, FailedJobRecorder recorder)
{
    private IJobFilterProvider? _provider;

    public IJobFilterProvider Provider => _provider ??= Build();

    private JobFilterProviderCollection Build()
    {
        var filters = new JobFilterCollection();
        filters.Add(new CaptureCultureAttribute());
        filters.Add(new AutomaticRetryAttribute { Attempts = scheduler.Value.JobRetries, OnAttemptsExceeded = AttemptsExceededAction.Fail });
        filters.Add(new StatisticsHistoryAttribute());
        filters.Add(new ContinuationsSupportAttribute());
        filters.Add(new FinishedJobRetentionFilter(retention.Value.FinishedJobs));
        filters.Add(recorder);
        return [new JobFilterAttributeFilterProvider(), filters];
    }
}
