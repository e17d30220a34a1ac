namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// A saga storage that can commit a step's <see cref="SagaSideEffects"/> in the same transaction as the saga row. A
/// storage without it gets them committed right after the saga row, separately.
/// </summary>
public interface ISagaStorageWithSideEffects<TSaga> : ISagaStorage<TSaga>
    where TSaga : class, IVersionedSaga
{
    Task InsertAsync(TSaga saga, SagaSideEffects effects, CancellationToken cancellationToken);

    Task UpdateAsync(TSaga saga, SagaSideEffects effects, CancellationToken cancellationToken);
}
