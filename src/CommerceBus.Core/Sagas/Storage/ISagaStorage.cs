namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// Where saga instances live between messages: four operations, each one atomic on its own, with optimistic
/// concurrency on the instance's <see cref="IVersionedSaga.Version"/>.
/// </summary>
/// <remarks>
/// <para><see cref="InsertAsync"/> throws <see cref="SagaConcurrencyException"/> when an instance with that id exists
/// (another process started the same saga first).</para>
/// <para><see cref="UpdateAsync"/> and <see cref="DeleteAsync"/> throw <see cref="SagaConcurrencyException"/> when the
/// stored version is no longer the one the instance was loaded with (another process changed it meanwhile) or the
/// instance is gone. Nothing is written then, and the caller re-applies its message to a freshly loaded instance.</para>
/// <para>On success <see cref="InsertAsync"/> and <see cref="UpdateAsync"/> set the instance's new version.</para>
/// </remarks>
public interface ISagaStorage<TSaga>
    where TSaga : class, IVersionedSaga
{
    /// <summary>The stored instance, or null when there is none.</summary>
    Task<TSaga?> FindAsync(Guid correlationId, CancellationToken cancellationToken);

    Task InsertAsync(TSaga saga, CancellationToken cancellationToken);

    Task UpdateAsync(TSaga saga, CancellationToken cancellationToken);

    Task DeleteAsync(TSaga saga, CancellationToken cancellationToken);
}
