using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.Bench.Bus.Sagas;

/// <summary>
/// The hub's <see cref="EfSagaStorage{TSaga}"/> with counters around it: writes that succeeded (transitions) and writes
/// refused because another message changed the instance first (conflicts, each of which the endpoint retries).
/// </summary>
internal sealed class CountingSagaStorage(ISagaStorage<OrderSagaRecord> inner) : ISagaStorage<OrderSagaRecord>
{
    private long _writes;
    private long _conflicts;

    public long Writes => Interlocked.Read(ref _writes);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public void Reset()
    {
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _conflicts, 0);
    }

    public Task<OrderSagaRecord?> FindAsync(Guid correlationId, CancellationToken cancellationToken) => inner.FindAsync(correlationId, cancellationToken);

    public Task InsertAsync(OrderSagaRecord saga, CancellationToken cancellationToken) => CountAsync(inner.InsertAsync(saga, cancellationToken));

    public Task UpdateAsync(OrderSagaRecord saga, CancellationToken cancellationToken) => CountAsync(inner.UpdateAsync(saga, cancellationToken));

    public Task DeleteAsync(OrderSagaRecord saga, CancellationToken cancellationToken) => CountAsync(inner.DeleteAsync(saga, cancellationToken));

    private async Task CountAsync(Task write)
    {
        try
        {
            await write;
            Interlocked.Increment(ref _writes);
        }
        catch (SagaConcurrencyException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
    }
}
