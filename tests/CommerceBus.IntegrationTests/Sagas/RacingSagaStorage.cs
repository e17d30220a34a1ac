using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// Saga storage shared by two hubs that, once armed, holds the first update of one saga on each hub until both hubs
/// have loaded the same version and are about to write it: a lost-update race made certain instead of hoped for.
/// </summary>
public sealed class RacingSagaStorage(ISagaStorage<OrderSagaRecord> inner, RacingSagaStorage.Race race) : ISagaStorage<OrderSagaRecord>
{
    public Task<OrderSagaRecord?> FindAsync(Guid correlationId, CancellationToken cancellationToken) => inner.FindAsync(correlationId, cancellationToken);

    public Task InsertAsync(OrderSagaRecord saga, CancellationToken cancellationToken) => inner.InsertAsync(saga, cancellationToken);

    public Task DeleteAsync(OrderSagaRecord saga, CancellationToken cancellationToken) => inner.DeleteAsync(saga, cancellationToken);

    public async Task UpdateAsync(OrderSagaRecord saga, CancellationToken cancellationToken)
    {
        await race.ArriveAsync(saga.CorrelationId, cancellationToken);
        try
        {
            await inner.UpdateAsync(saga, cancellationToken);
        }
        catch (SagaConcurrencyException)
        {
            race.Conflicted();
            throw;
        }
    }

    /// <summary>The rendezvous of the two writers.</summary>
    public sealed class Race
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Guid _armed;
        private int _arrived;
        private int _conflicts;

        public int Conflicts => Volatile.Read(ref _conflicts);

        public void Arm(Guid correlationId) => _armed = correlationId;

        public void Conflicted() => Interlocked.Increment(ref _conflicts);

        public Task ArriveAsync(Guid correlationId, CancellationToken cancellationToken)
        {
            if (correlationId != _armed || _both.Task.IsCompleted)
            {
                return Task.CompletedTask;
            }

            if (Interlocked.Increment(ref _arrived) >= 2)
            {
                _both.TrySetResult();
            }

            return _both.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }
}
