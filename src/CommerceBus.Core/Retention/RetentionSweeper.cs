using CommerceBus.Core.Duties;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;

namespace CommerceBus.Core.Retention;

/// <summary>
/// The one background job that deletes what the hub no longer needs, every <see cref="RetentionOptions.RunEvery"/>:
/// old journal and inbox entries, what the modules' tables (<see cref="IRetainedTable"/>: ended sagas with their orders)
/// no longer need, resolved failed messages. A batch is at most
/// <see cref="RetentionOptions.BatchSize"/> rows: their keys are chosen through the table's timestamp index, then deleted
/// by key (two statements whose plans do not depend on the table's size; one <c>DELETE … WHERE id IN (SELECT … LIMIT
/// n)</c> let PostgreSQL hash-join the whole table). A table is done when a batch comes back short, a run when every
/// table is done or <see cref="RetentionOptions.RunBudget"/> is spent. On an idle hub with nothing old that is one
/// indexed query per table per run. On SQLite the run ends with a WAL checkpoint that truncates the write-ahead log.
/// With several hubs on one database one of them runs it (the duty <c>retention</c>, <see cref="DutyRunner"/>).
/// </summary>
public sealed partial class RetentionSweeper(
    IDbContextFactory<HubDbContext> contexts,
    IHubDatabaseProvider provider,
    IEnumerable<IRetainedTable> moduleTables,
    DutyRunner duties,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    /// <summary>The duty's name in <c>duty_runs</c> and on <c>commercebus_duty_runs_total</c>.</summary>
    public const string Duty = "retention";

    // Deletes one batch; returns how many rows it chose (a short batch ends the table) and adds what it deleted to the count.
    private delegate Task<int> DeleteBatch(HubDbContext db, DateTime cutoff, int batchSize, IDictionary<string, int> deleted, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RunEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await duties.RunAsync(Duty, async token =>
                {
                    var run = await RunOnceAsync(token);
                    if (run.Total > 0)
                    {
                        LogRun(logger, run.Total, string.Join(", ", run.Deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")), run.BudgetSpent);
                    }

                    return run.Total;
                }, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a while; the next run tries again.
                LogFailed(logger, ex);
            }
        }
    }

    /// <summary>The rows left in the journal and the inbox after the latest run (empty before the first).</summary>
    public IReadOnlyDictionary<string, long> TableRows { get; private set; } = new Dictionary<string, long>();

    /// <summary>Runs retention once, now: deletes in batches until nothing old is left or the run's budget is spent.</summary>
    public async Task<RetentionRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var started = clock.GetTimestamp();
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        var budgetSpent = false;
        foreach (var (table, alsoDeletes, retention, delete) in Tables(settings))
        {
            if (retention <= TimeSpan.Zero)
            {
                continue;
            }

            var cutoff = now - retention;
            deleted.TryAdd(table, 0);
            foreach (var other in alsoDeletes)
            {
                deleted.TryAdd(other, 0);
            }

            while (!(budgetSpent = clock.GetElapsedTime(started) >= settings.RunBudget))
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                if (await delete(db, cutoff, settings.BatchSize, deleted, cancellationToken) < settings.BatchSize)
                {
                    break;
                }
            }

            if (budgetSpent)
            {
                break;
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // What is left, for the inbox and journal size metrics: counted here, once per run, not on every scrape.
            TableRows = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["journal"] = await db.Journal.LongCountAsync(cancellationToken),
                ["inbox"] = await db.Inbox.LongCountAsync(cancellationToken),
            };

            await provider.SweptAsync(db.Database, cancellationToken);
        }

        return new RetentionRun(deleted, budgetSpent);
    }

    private IEnumerable<(string Table, IReadOnlyList<string> AlsoDeletes, TimeSpan Retention, DeleteBatch Delete)> Tables(RetentionOptions o)
    {
        yield return ("journal", [], o.Journal, async (db, cutoff, n, deleted, ct) =>
        {
            var ids = await db.Journal.Where(e => e.ReceivedAt < cutoff).OrderBy(e => e.ReceivedAt).Take(n).Select(e => e.Id).ToListAsync(ct);
            return ids.Count == 0 ? 0 : await Count(deleted, "journal", ids.Count, db.Journal.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct));
        });

        yield return ("inbox", [], o.Inbox, async (db, cutoff, n, deleted, ct) =>
        {
            var ids = await db.Inbox.Where(i => i.AcceptedAt < cutoff).OrderBy(i => i.AcceptedAt).Take(n).Select(i => i.MessageId).ToListAsync(ct);
            return ids.Count == 0 ? 0 : await Count(deleted, "inbox", ids.Count, db.Inbox.Where(i => ids.Contains(i.MessageId)).ExecuteDeleteAsync(ct));
        });

        foreach (var module in moduleTables)
        {
            yield return (module.Name, module.AlsoDeletes, module.RetentionOf(o), module.DeleteBatchAsync);
        }

        yield return ("failed_messages", [], o.ResolvedFailedMessages, async (db, cutoff, n, deleted, ct) =>
        {
            var ids = await db.FailedMessages
                .Where(f => f.ResolvedAt < cutoff && f.Status != FailedMessageStatus.Failed)
                .OrderBy(f => f.ResolvedAt).Take(n).Select(f => f.Id).ToListAsync(ct);
            return ids.Count == 0 ? 0 : await Count(deleted, "failed_messages", ids.Count,
                db.FailedMessages.Where(f => ids.Contains(f.Id) && f.Status != FailedMessageStatus.Failed).ExecuteDeleteAsync(ct));
        });

        yield return ("duty_runs", [], o.DutyRuns, async (db, cutoff, n, deleted, ct) =>
        {
            var ids = await db.DutyRuns.Where(r => r.StartedAt < cutoff).OrderBy(r => r.StartedAt).Take(n).Select(r => r.Id).ToListAsync(ct);
            return ids.Count == 0 ? 0 : await Count(deleted, "duty_runs", ids.Count, db.DutyRuns.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct));
        });
    }

    private static async Task<int> Count(IDictionary<string, int> deleted, string table, int chosen, Task<int> delete)
    {
        deleted[table] = (deleted.TryGetValue(table, out var before) ? before : 0) + await delete;
        return chosen;
    }

    [LoggerMessage(EventId = 1950, Level = LogLevel.Information, Message = "Retention deleted {Total} rows ({Tables}); budget spent: {BudgetSpent}")]
    private static partial void LogRun(ILogger logger, int total, string tables, bool budgetSpent);

    [LoggerMessage(EventId = 1951, Level = LogLevel.Warning, Message = "Retention run failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
