using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.IntegrationTests.Recoverability;

/// <summary>Saga storage that refuses to store a saga entering one state while told to: a saga step that fails every retry.</summary>
public sealed class BrokenSagaStorage(ISagaStorage<OrderSagaRecord> inner, BrokenSagaStorage.Switch broken) : ISagaStorage<OrderSagaRecord>
{
    public Task<OrderSagaRecord?> FindAsync(Guid correlationId, CancellationToken cancellationToken) => inner.FindAsync(correlationId, cancellationToken);

    public Task InsertAsync(OrderSagaRecord saga, CancellationToken cancellationToken) => inner.InsertAsync(saga, cancellationToken);

    public Task DeleteAsync(OrderSagaRecord saga, CancellationToken cancellationToken) => inner.DeleteAsync(saga, cancellationToken);

    public Task UpdateAsync(OrderSagaRecord saga, CancellationToken cancellationToken) =>
        saga.CurrentState == broken.Entering
            ? throw new InvalidOperationException($"the saga storage refuses {saga.OrderNumber} entering {saga.CurrentState} (test)")
            : inner.UpdateAsync(saga, cancellationToken);

    /// <summary>The state whose entry is refused; null refuses nothing.</summary>
    public sealed class Switch
    {
        private volatile string? _entering;

        public string? Entering
        {
            get => _entering;
            set => _entering = value;
        }
    }
}
