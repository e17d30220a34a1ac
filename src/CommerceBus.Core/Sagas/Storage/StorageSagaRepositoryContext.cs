using CommerceBus.Persistence;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// MassTransit's view of one message's work on the saga storage: it loads, adds and writes instances through
/// <see cref="ISagaStorage{TSaga}"/>. A <see cref="SagaConcurrencyException"/> from a write goes up to the endpoint's
/// retry, which consumes the message again from a fresh load, with a fresh outbox (nothing was sent yet).
/// </summary>
public sealed class StorageSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, IVersionedSaga
    where TMessage : class
{
    private readonly ISagaStorage<TSaga> _storage;
    private readonly ConsumeContext<TMessage> _context;
    private readonly ISagaConsumeContextFactory<ISagaStorage<TSaga>, TSaga> _factory;

    public StorageSagaRepositoryContext(ISagaStorage<TSaga> storage, ConsumeContext<TMessage> context, ISagaConsumeContextFactory<ISagaStorage<TSaga>, TSaga> factory)
        : base(context)
    {
        _storage = storage;
        _context = context;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_storage, _context, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        try
        {
            await _storage.InsertAsync(instance, CancellationToken);
        }
        catch (SagaConcurrencyException)
        {
            // MassTransit loads the existing instance when the pre-insert finds one.
            return null!;
        }

        return await _factory.CreateSagaConsumeContext(_storage, _context, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _storage.FindAsync(correlationId, CancellationToken);
        return instance is null ? null! : await _factory.CreateSagaConsumeContext(_storage, _context, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) =>
        WriteAsync(context, (storage, effects) => storage.InsertAsync(context.Saga, effects, CancellationToken), () => _storage.InsertAsync(context.Saga, CancellationToken));

    public Task Update(SagaConsumeContext<TSaga> context) =>
        WriteAsync(context, (storage, effects) => storage.UpdateAsync(context.Saga, effects, CancellationToken), () => _storage.UpdateAsync(context.Saga, CancellationToken));

    public Task Delete(SagaConsumeContext<TSaga> context) => _storage.DeleteAsync(context.Saga, CancellationToken);

    // Nothing was written for a discarded or read-only instance, so there is nothing to undo.
    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    // The step's side effects (read model, journal, outbox rows) go in the saga row's transaction when the storage can
    // take them, else right after the saga row. Once committed, the step's outbox rows are sent at once; a send that
    // fails leaves its row to the outbox sweep, and the message is still acknowledged: the step it belongs to is done.
    private async Task WriteAsync(SagaConsumeContext<TSaga> context, Func<ISagaStorageWithSideEffects<TSaga>, SagaSideEffects, Task> together, Func<Task> alone)
    {
        var effects = context.TryGetPayload<IServiceProvider>(out var services) ? services.GetService(typeof(SagaSideEffects)) as SagaSideEffects : null;
        if (effects is null || effects.IsEmpty)
        {
            await alone();
            effects?.Committed();
            return;
        }

        if (_storage is ISagaStorageWithSideEffects<TSaga> storage)
        {
            await together(storage, effects);
        }
        else
        {
            await alone();
            var databases = (IDbContextFactory<HubDbContext>)services!.GetService(typeof(IDbContextFactory<HubDbContext>))!;
            await using var db = await databases.CreateDbContextAsync(CancellationToken);
            await effects.StageAsync(db, CancellationToken);
            await db.SaveChangesAsync(CancellationToken);
        }

        effects.Committed();
        var committed = effects.TakeCommitted();
        if (committed.Count > 0 && services!.GetService(typeof(OutboxDelivery)) is OutboxDelivery delivery)
        {
            await delivery.DeliverAsync(committed, CancellationToken);
        }
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_storage, consumeContext, instance, mode);
}
