using CommerceBus.Core.Duties;
using CommerceBus.Persistence;
using CommerceBus.Persistence.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Sends the outbox rows nobody sent: at start-up every row committed before the start (the process stopped between a
/// saga step's commit and its sends), then every <see cref="OutboxOptions.SweepEvery"/> the rows at least that old
/// (their send after the commit failed: the broker refused it or was away). With several hubs on one database one of
/// them sweeps (the duty <c>outbox-sweep</c>, <see cref="DutyRunner"/>), and a hub that joins while others work takes
/// only rows older than a period at its first sweep: the younger ones are still being sent by the hub that committed them.
/// </summary>
internal sealed partial class OutboxSweeper(
    IDbContextFactory<HubDbContext> contexts,
    OutboxDelivery delivery,
    DutyRunner duties,
    IHubCoordination coordination,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IOptions<OutboxOptions> options,
    ILogger<OutboxSweeper> logger) : BackgroundService
{
    private const int BatchSize = 200;

    /// <summary>A comment on the sweep's statement, so it can be told apart in the database's own logs.</summary>
    public const string QueryTag = "CommerceBus: outbox sweep";

    /// <summary>The duty's name in <c>duty_runs</c> and on <c>commercebus_duty_runs_total</c>.</summary>
    public const string Duty = "outbox-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var every = options.Value.SweepEvery > TimeSpan.Zero ? options.Value.SweepEvery : TimeSpan.FromSeconds(10);
        if (coordination.OthersWereLive)
        {
            startedAt -= every;
        }

        // The bus is started by then, so a send does not wait on (or fail for) a bus that is still starting.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        using var timer = new PeriodicTimer(every, clock);
        do
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await duties.RunAsync(Duty, token => SweepAsync(now - every > startedAt ? now - every : startedAt, token), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a while; the next round tries again.
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> SweepAsync(DateTime createdBefore, CancellationToken stoppingToken)
    {
        var skip = 0;
        var sent = 0;
        var found = 0;
        while (true)
        {
            List<OutboxMessageRecord> batch;
            await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
            {
                batch = await db.OutboxMessages.AsNoTracking().TagWith(QueryTag)
                    .Where(m => m.CreatedAt < createdBefore)
                    .OrderBy(m => m.CreatedAt).ThenBy(m => m.SagaId).ThenBy(m => m.Position)
                    .Skip(skip).Take(BatchSize)
                    .ToListAsync(stoppingToken);
            }

            // One saga's messages in their order; one saga's failure does not hold up the others. Rows sent now leave the
            // table when their removal commits (see OutboxDelivery), possibly after the next page is read: there they
            // are in flight and skipped like the rest (failed, being sent right after their commit). A row the paging
            // passes over as rows leave waits for the next round.
            var delivered = 0;
            foreach (var saga in batch.Where(m => !delivery.IsInFlight(m.MessageId)).GroupBy(m => m.SagaId))
            {
                delivered += await delivery.DeliverAsync(saga.ToList(), stoppingToken);
            }

            found += batch.Count;
            sent += delivered;
            skip += batch.Count - delivered;

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        // One line per sweep, so an idle hub shows that it found (and sent) nothing.
        LogSweepRound(logger, found, sent);
        if (sent > 0)
        {
            LogSwept(logger, sent);
        }

        return sent;
    }

    [LoggerMessage(EventId = 1504, Level = LogLevel.Debug, Message = "Outbox sweep: {Found} unsent row(s) found, {Sent} sent")]
    private static partial void LogSweepRound(ILogger logger, int found, int sent);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Outbox: sent {Count} message(s) that saga steps had committed but not sent")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Outbox sweep failed; the next round tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
