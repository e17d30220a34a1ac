using System.Collections.Concurrent;
using CommerceBus.Fulfillment.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommerceBus.Bench.Bus.Sagas;

/// <summary>
/// Counts, on the hub context, the saves that wrote a saga row (transitions) and those refused because another message
/// changed the instance first (conflicts, each of which the endpoint retries). An interceptor rather than a wrapper
/// around the storage, so the saga runs exactly the hub's path (its storage bound to the message's one context, the
/// step's rows in the saga row's transaction). The hub's write from the model (<c>ChangedRows</c>) tells SaveChanges
/// interceptors as SaveChanges does (a version mismatch through <c>ThrowingConcurrencyException</c>).
/// </summary>
internal sealed class SagaWriteCounter : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<DbContext, int> _saving = new();
    private long _writes;
    private long _conflicts;

    public long Writes => Interlocked.Read(ref _writes);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public void Reset()
    {
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _conflicts, 0);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            var sagas = db.ChangeTracker.Entries<OrderSagaRecord>().Count(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
            if (sagas > 0)
            {
                _saving[db] = sagas;
            }
        }

        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _saving.TryRemove(db, out var sagas))
        {
            Interlocked.Add(ref _writes, sagas);
        }

        return ValueTask.FromResult(result);
    }

    // EF Core (and the hub's ChangedRows) reports a version mismatch here, not to SaveChangesFailed, just before it throws
    // DbUpdateConcurrencyException.
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _saving.TryRemove(db, out _))
        {
            Interlocked.Increment(ref _conflicts);
        }

        return ValueTask.FromResult(result);
    }
}
