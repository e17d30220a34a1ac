using CommerceBus.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Retention;

/// <summary>
/// The one background job that deletes what the hub no longer needs, every <see cref="RetentionOptions.RunEvery"/>:
/// old journal and inbox entries, finished orders and sagas, resolved failed messages. Each statement deletes at most
/// <see cref="RetentionOptions.BatchSize"/> rows, chosen through the table's timestamp index; a table is done when a
/// batch comes back short, a run when every table is done or <see cref="RetentionOptions.RunBudget"/> is spent. On an
/// idle hub with nothing old that is one indexed statement per table per run. On SQLite the run ends with a WAL
/// checkpoint that truncates the write-ahead log.
/// </summary>
public sealed partial class RetentionSweeper(
    IDbContextFactory<HubDbContext> contexts,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    // An order's saga goes first: an order is deleted only once its saga is gone.
    private static readonly string[] EndedSagas = ["Completed", "Failed", "Cancelled"];
    private static readonly string[] FinishedOrders = ["Completed", "Failed", "Cancelled"];

    private delegate Task<int> DeleteBatch(HubDbContext db, DateTime cutoff, int batchSize, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RunEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var run = await RunOnceAsync(stoppingToken);
                if (run.Total > 0)
                {
                    LogRun(logger, run.Total, string.Join(", ", run.Deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")), run.BudgetSpent);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a while; the next run tries again.
                LogFailed(logger, ex);
            }
        }
    }

    /// <summary>Runs retention once, now: deletes in batches until nothing old is left or the run's budget is spent.</summary>
    public async Task<RetentionRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var started = clock.GetTimestamp();
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        var budgetSpent = false;
        foreach (var (table, retention, delete) in Tables(settings))
        {
            if (retention <= TimeSpan.Zero)
            {
                continue;
            }

            var cutoff = now - retention;
            var total = 0;
            while (!(budgetSpent = clock.GetElapsedTime(started) >= settings.RunBudget))
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var count = await delete(db, cutoff, settings.BatchSize, cancellationToken);
                total += count;
                if (count < settings.BatchSize)
                {
                    break;
                }
            }

            deleted[table] = total;
            if (budgetSpent)
            {
                break;
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                // Readers can keep the WAL from being reset by a passive checkpoint; TRUNCATE waits for them and
                // leaves a zero-length file, so the log does not stay at its high-water mark for ever.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            }
        }

        return new RetentionRun(deleted, budgetSpent);
    }

    private static IEnumerable<(string Table, TimeSpan Retention, DeleteBatch Delete)> Tables(RetentionOptions o)
    {
        yield return ("journal", o.Journal, (db, cutoff, n, ct) =>
            db.Journal.Where(e => e.ReceivedAt < cutoff).OrderBy(e => e.ReceivedAt).Take(n).ExecuteDeleteAsync(ct));

        yield return ("inbox", o.Inbox, (db, cutoff, n, ct) =>
            db.Inbox.Where(i => i.AcceptedAt < cutoff).OrderBy(i => i.AcceptedAt).Take(n).ExecuteDeleteAsync(ct));

        // A failed or cancelled saga still waiting for a compensation's confirmation owes something: it stays.
        yield return ("order_sagas", o.FinishedOrders, (db, cutoff, n, ct) =>
            db.OrderSagas
                .Where(s => s.CreatedAt < cutoff && s.UpdatedAt < cutoff && EndedSagas.Contains(s.CurrentState))
                .Where(s => s.CurrentState == "Completed"
                    || ((!s.StockReserved || s.StockReleased) && (s.PaymentId == null || s.PaymentRefunded) && (s.BookingId == null || s.BookingCancelled)))
                .OrderBy(s => s.CreatedAt).Take(n).ExecuteDeleteAsync(ct));

        // Order lines go with their order (ON DELETE CASCADE).
        yield return ("orders", o.FinishedOrders, (db, cutoff, n, ct) =>
            db.Orders
                .Where(r => r.CreatedAt < cutoff && r.UpdatedAt < cutoff && FinishedOrders.Contains(r.Status))
                .Where(r => !db.OrderSagas.Any(s => s.CorrelationId == r.TrackingId))
                .OrderBy(r => r.CreatedAt).Take(n).ExecuteDeleteAsync(ct));

        yield return ("failed_messages", o.ResolvedFailedMessages, (db, cutoff, n, ct) =>
            db.FailedMessages
                .Where(f => f.ResolvedAt < cutoff && f.Status != FailedMessageStatus.Failed)
                .OrderBy(f => f.ResolvedAt).Take(n).ExecuteDeleteAsync(ct));
    }

    [LoggerMessage(EventId = 1950, Level = LogLevel.Information, Message = "Retention deleted {Total} rows ({Tables}); budget spent: {BudgetSpent}")]
    private static partial void LogRun(ILogger logger, int total, string tables, bool budgetSpent);

    [LoggerMessage(EventId = 1951, Level = LogLevel.Warning, Message = "Retention run failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
