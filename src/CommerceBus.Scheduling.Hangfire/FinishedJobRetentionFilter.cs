using Hangfire.States;
using Hangfire.Storage;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>Keeps a finished (succeeded or deleted) Hangfire job for <c>CommerceBus:Retention:FinishedJobs</c> instead of Hangfire's one day; Hangfire's own expiration manager deletes it then.</summary>
internal sealed class FinishedJobRetentionFilter(TimeSpan keep) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.NewState.IsFinal)
        {
            context.JobExpirationTimeout = keep;
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
