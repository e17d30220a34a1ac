using CommerceBus.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// <see cref="ISagaStorage{TSaga}"/> on the hub database (SQLite or PostgreSQL): one short-lived context and one
/// statement per operation; <c>Version</c> is the entity's concurrency token, so an update is
/// <c>UPDATE … WHERE id = @id AND version = @loaded</c> and touching no row means someone else got there first.
/// </summary>
public sealed class EfSagaStorage<TSaga>(IDbContextFactory<HubDbContext> contexts) : ISagaStorageWithSideEffects<TSaga>
    where TSaga : class, IVersionedSaga
{
    public async Task<TSaga?> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<TSaga>().AsNoTracking().FirstOrDefaultAsync(s => s.CorrelationId == correlationId, cancellationToken);
    }

    public Task InsertAsync(TSaga saga, CancellationToken cancellationToken) => InsertAsync(saga, new SagaSideEffects(), cancellationToken);

    public async Task InsertAsync(TSaga saga, SagaSideEffects effects, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await effects.StageAsync(db, cancellationToken);
        saga.Version = 1;
        db.Set<TSaga>().Add(saga);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            saga.Version = 0;
            if (await ExistsAsync(saga.CorrelationId, cancellationToken))
            {
                throw new SagaConcurrencyException($"Saga {saga.CorrelationId} was started by another process first.", ex);
            }

            throw;
        }
    }

    public Task UpdateAsync(TSaga saga, CancellationToken cancellationToken) => WriteAsync(saga, EntityState.Modified, new SagaSideEffects(), cancellationToken);

    public Task UpdateAsync(TSaga saga, SagaSideEffects effects, CancellationToken cancellationToken) => WriteAsync(saga, EntityState.Modified, effects, cancellationToken);

    public Task DeleteAsync(TSaga saga, CancellationToken cancellationToken) => WriteAsync(saga, EntityState.Deleted, new SagaSideEffects(), cancellationToken);

    private async Task WriteAsync(TSaga saga, EntityState state, SagaSideEffects effects, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await effects.StageAsync(db, cancellationToken);
        var loaded = saga.Version;
        var entry = db.Set<TSaga>().Attach(saga);
        entry.State = state;
        entry.Property(s => s.Version).OriginalValue = loaded;
        if (state == EntityState.Modified)
        {
            entry.Property(s => s.Version).CurrentValue = loaded + 1;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            saga.Version = loaded;
            throw new SagaConcurrencyException(
                $"Saga {saga.CorrelationId} changed since version {loaded} was loaded; the message is applied again to the stored instance.", ex);
        }
    }

    private async Task<bool> ExistsAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<TSaga>().AnyAsync(s => s.CorrelationId == correlationId, cancellationToken);
    }
}
