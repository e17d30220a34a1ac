using System.Runtime.CompilerServices;
using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// <see cref="ISagaStorage{TSaga}"/> on the hub database (SQLite or PostgreSQL): one statement per operation, on a
/// context of its own or, bound to a message's <see cref="SagaDbSession"/>, on that message's one context.
/// <c>Version</c> is the entity's concurrency token, so an update is <c>UPDATE … WHERE id = @id AND version = @loaded</c>
/// and touching no row means someone else got there first. Writes go through <see cref="ChangedRows"/>: SQL built from
/// the EF Core model in one command, <c>SaveChanges</c> only for what that does not write.
/// </summary>
public sealed class EfSagaStorage<TSaga> : ISagaStorageWithSideEffects<TSaga>
    where TSaga : class, IVersionedSaga
{
    private readonly IDbContextFactory<HubDbContext> _contexts;
    private readonly SagaDbSession? _session;
    private readonly OutboxDelivery? _removals;

    public EfSagaStorage(IDbContextFactory<HubDbContext> contexts)
        : this(contexts, null, null)
    {
    }

    private EfSagaStorage(IDbContextFactory<HubDbContext> contexts, SagaDbSession? session, OutboxDelivery? removals)
    {
        _contexts = contexts;
        _session = session;
        _removals = removals;
    }

    /// <summary>
    /// The same storage working on <paramref name="session"/>'s context (one message's transition); with
    /// <paramref name="removals"/>, each update also deletes outbox rows already sent (<see cref="OutboxDelivery.TakeSent"/>)
    /// in its own batch and transaction.
    /// </summary>
    public EfSagaStorage<TSaga> Bind(SagaDbSession session, OutboxDelivery? removals = null) => new(_contexts, session, removals);

    // The load runs once per transition; a compiled query skips EF Core's query cache lookup (hashing and comparing the
    // expression tree) each time. A compiled query runs against one model only, and each host (each set of context
    // options: SQLite, PostgreSQL, a test's) has its own, so they are compiled once per model.
    private static readonly ConditionalWeakTable<IModel, Loads> LoadsByModel = new();

    private sealed class Loads
    {
        public Func<HubDbContext, Guid, CancellationToken, Task<TSaga?>> Tracked { get; } =
            EF.CompileAsyncQuery((HubDbContext db, Guid id, CancellationToken _) => db.Set<TSaga>().FirstOrDefault(s => s.CorrelationId == id));

        public Func<HubDbContext, Guid, CancellationToken, Task<TSaga?>> Detached { get; } =
            EF.CompileAsyncQuery((HubDbContext db, Guid id, CancellationToken _) => db.Set<TSaga>().AsNoTracking().FirstOrDefault(s => s.CorrelationId == id));
    }

    private static Loads LoadsFor(HubDbContext db) => LoadsByModel.GetValue(db.Model, static _ => new Loads());

    /// <summary>
    /// Loads the instance. Bound to a message's session, the instance stays tracked by the session's context until the
    /// write, so the write updates only the columns the step changed (not the order's JSON and every other column).
    /// </summary>
    public async Task<TSaga?> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            return await LoadsFor(db).Detached(db, correlationId, cancellationToken);
        }

        var session = await _session.GetAsync(cancellationToken);
        session.ChangeTracker.Clear(); // a fresh load, never an instance a previous operation left tracked
        return await LoadsFor(session).Tracked(session, correlationId, cancellationToken);
    }

    public Task InsertAsync(TSaga saga, CancellationToken cancellationToken) => InsertAsync(saga, new SagaSideEffects(), cancellationToken);

    public async Task InsertAsync(TSaga saga, SagaSideEffects effects, CancellationToken cancellationToken)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await effects.StageAsync(lease.Db, cancellationToken);
        saga.Version = 1;
        lease.Db.Set<TSaga>().Add(saga);
        try
        {
            await ChangedRows.SaveAsync(lease.Db, cancellationToken);
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
        await using var lease = await OpenAsync(cancellationToken);
        await effects.StageAsync(lease.Db, cancellationToken);

        // One scan of the tracked entities per write: left on, EF Core's automatic detection compares the saga's columns
        // with their loaded values in Entry(saga) and again, with every other entry's, in ChangedRows' Entries() (or
        // SaveChanges). Nothing changes an entity by hand after this point; the version and the carried deletes are set
        // through their entries.
        var tracker = lease.Db.ChangeTracker;
        tracker.DetectChanges();
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            await WriteDetectedAsync(lease.Db, saga, state, cancellationToken);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private async Task WriteDetectedAsync(HubDbContext db, TSaga saga, EntityState state, CancellationToken cancellationToken)
    {
        var loaded = saga.Version;

        // Tracked since the session's load: the columns the step changed are found by comparing with the loaded values.
        // Otherwise (loaded elsewhere) every column is written.
        var entry = db.Entry(saga);
        if (entry.State == EntityState.Detached)
        {
            entry.State = state;
        }
        else if (state == EntityState.Deleted)
        {
            entry.State = EntityState.Deleted;
        }

        entry.Property(s => s.Version).OriginalValue = loaded;
        if (state == EntityState.Modified)
        {
            entry.Property(s => s.Version).CurrentValue = loaded + 1;
        }

        // Sent outbox rows (this saga's or another's) are deleted in this write's batch, not by a transaction of their
        // own. If the write does not commit, they are removed on their own instead (never carried again).
        var carried = state == EntityState.Modified ? _removals?.TakeSent() : null;
        if (carried is not null)
        {
            foreach (var id in carried)
            {
                db.Entry(new OutboxMessageRecord { MessageId = id }).State = EntityState.Deleted;
            }
        }

        try
        {
            // From the model in one command (ChangedRows): the versioned UPDATE of the changed columns, the staged rows'
            // INSERTs and the carried DELETEs, each statement's own row count checked; SaveChanges for anything else.
            await ChangedRows.SaveAsync(db, cancellationToken);
            if (carried is not null)
            {
                _removals!.CarriedRemoved(carried);
            }
        }
        catch (Exception ex)
        {
            if (carried is not null)
            {
                _removals!.CarriedNotRemoved(carried);
            }

            if (ex is not DbUpdateConcurrencyException)
            {
                throw;
            }

            // Nothing of the write was committed. A lost version check is the usual cause; a carried row already gone
            // (removed by another hub's sweep) the rare one: either way the step runs again on a fresh load.
            saga.Version = loaded;
            throw new SagaConcurrencyException(
                $"Saga {saga.CorrelationId} changed since version {loaded} was loaded; the message is applied again to the stored instance.", ex);
        }
    }

    private async Task<bool> ExistsAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<TSaga>().AnyAsync(s => s.CorrelationId == correlationId, cancellationToken);
    }

    private async ValueTask<Lease> OpenAsync(CancellationToken cancellationToken) =>
        _session is null ? new Lease(await _contexts.CreateDbContextAsync(cancellationToken), owned: true) : new Lease(await _session.GetAsync(cancellationToken), owned: false);

    // A context of its own is disposed after the operation; the session's is left clean (nothing tracked) after a write.
    private readonly struct Lease(HubDbContext db, bool owned) : IAsyncDisposable
    {
        public HubDbContext Db { get; } = db;

        public ValueTask DisposeAsync()
        {
            if (owned)
            {
                return Db.DisposeAsync();
            }

            Db.ChangeTracker.Clear();
            return ValueTask.CompletedTask;
        }
    }
}
