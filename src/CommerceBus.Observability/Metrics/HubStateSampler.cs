using CommerceBus.Core.Failures;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommerceBus.Observability.Metrics;

/// <summary>
/// Reads the state gauges' numbers from the database, at most once per <see cref="ObservabilityOptions.StateSampleMaxAge"/>:
/// only when someone asks (a scrape, a readiness probe), so an idle hub nobody watches runs no query.
/// </summary>
public sealed class HubStateSampler(IDbContextFactory<HubDbContext> contexts, TimeProvider clock, IOptions<ObservabilityOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HubStateSnapshot _last = HubStateSnapshot.Empty;

    /// <summary>The latest snapshot, read afresh when older than the maximum age; the last good one when the database is away.</summary>
    /// <exception cref="Exception">The database could not be read and there is no earlier snapshot to give.</exception>
    public async Task<HubStateSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var maxAge = options.Value.StateSampleMaxAge;
        if (clock.GetUtcNow() - _last.TakenAt < maxAge)
        {
            return _last;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _last.TakenAt < maxAge)
            {
                return _last;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Value.ProbeTimeout);
            _last = await ReadAsync(deadline.Token);
            return _last;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The snapshot for a metrics callback, which must not throw: the last one when the database cannot be read.</summary>
    public HubStateSnapshot GetForCallback()
    {
        try
        {
            return GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return _last;
        }
    }

    private async Task<HubStateSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var utcNow = now.UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sagas = await db.OrderSagas.AsNoTracking().GroupBy(s => s.CurrentState)
            .Select(g => new { State = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var waiting = db.OrderSagas.AsNoTracking().Where(s => s.WaitingFor != null);
        var oldestWaiting = await waiting.OrderBy(s => s.UpdatedAt).Select(s => (DateTime?)s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var nearestDeadline = await waiting.Where(s => s.StepDeadline != null).OrderBy(s => s.StepDeadline)
            .Select(s => s.StepDeadline).FirstOrDefaultAsync(cancellationToken);
        var outboxPending = await db.OutboxMessages.AsNoTracking().LongCountAsync(cancellationToken);
        var oldestOutbox = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var failed = await db.FailedMessages.AsNoTracking().GroupBy(f => f.Status)
            .Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);

        var byStatus = FailedMessageStatus.All.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (var row in failed)
        {
            byStatus[row.Status] = row.Count;
        }

        return new HubStateSnapshot(
            now,
            sagas.ToDictionary(s => s.State, s => s.Count, StringComparer.Ordinal),
            oldestWaiting is { } w ? utcNow - w : null,
            nearestDeadline is { } d ? d - utcNow : null,
            outboxPending,
            oldestOutbox is { } o ? utcNow - o : null,
            byStatus);
    }
}
