using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Persistence;
using CommerceBus.Persistence.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Core.Duties;

/// <summary>
/// Runs one period of a periodic duty on the one hub that holds its lease (<see cref="IHubCoordination"/>), and
/// records the run: a <c>duty_runs</c> row and <c>commercebus_duty_runs_total{duty,outcome}</c>. The duties keep their
/// own timers; each asks here at every tick, so a hub that does not hold a duty's lease tries to take it once a period.
/// </summary>
public sealed partial class DutyRunner(
    IHubCoordination coordination,
    IDbContextFactory<HubDbContext> contexts,
    HubInstance instance,
    TimeProvider clock,
    ILogger<DutyRunner> logger)
{
    /// <summary>
    /// Runs <paramref name="work"/> (which returns the rows it affected) when this hub holds <paramref name="duty"/>'s
    /// lease; returns false without running it when another hub holds it. A run that throws is recorded as failed, and the
    /// exception is the caller's to log; a run cut short by the hub's stop is not recorded.
    /// </summary>
    public async Task<bool> RunAsync(string duty, Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        if (!await coordination.HoldsAsync(duty, cancellationToken))
        {
            return false;
        }

        await RunHereAsync(duty, work, cancellationToken);
        return true;
    }

    /// <summary>Runs and records <paramref name="work"/> on this hub, whatever the leases: for what each hub does for itself (its start-up recovery).</summary>
    public async Task RunHereAsync(string duty, Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        int items;
        try
        {
            items = await work(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(duty, startedAt, 0, DutyRunRecord.Failed, cancellationToken);
            throw;
        }

        await RecordAsync(duty, startedAt, items, DutyRunRecord.Ok, cancellationToken);
    }

    private async Task RecordAsync(string duty, DateTime startedAt, int items, string outcome, CancellationToken cancellationToken)
    {
        HubTelemetry.DutyRuns.Add(1, new TagList { { HubAttributes.Labels.Duty, duty }, { HubAttributes.Labels.Outcome, outcome } });
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.DutyRuns.Add(new DutyRunRecord
            {
                Duty = duty,
                Instance = instance.Id,
                StartedAt = startedAt,
                FinishedAt = clock.GetUtcNow().UtcDateTime,
                Items = items,
                Outcome = outcome,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The database may be away (often why the run failed): the run happened, only its row is missing.
            LogNotRecorded(logger, ex, duty, outcome);
        }
    }

    [LoggerMessage(EventId = 9110, Level = LogLevel.Warning, Message = "A run of duty {Duty} ({Outcome}) could not be recorded in duty_runs")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string duty, string outcome);
}
