using MassTransit;
using MassTransit.Saga;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>Plugs <see cref="ISagaStorage{TSaga}"/> into MassTransit's saga repository seam.</summary>
/// <remarks>Sagas are found by correlation id only; query correlation (by an expression) is not supported.</remarks>
public sealed class StorageSagaRepositoryContextFactory<TSaga>(
    ISagaStorage<TSaga> storage,
    ISagaConsumeContextFactory<ISagaStorage<TSaga>, TSaga> factory) : ISagaRepositoryContextFactory<TSaga>
    where TSaga : class, IVersionedSaga
{
    public void Probe(ProbeContext context) => context.Add("persistence", storage.GetType().Name);

    // The EF Core storage works on the message's one context (SagaDbSession) when the message has a scope, and its write
    // carries the removal of outbox rows already sent. (Resolved per message: the delivery sends on the bus, which is
    // built with this repository.)
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new StorageSagaRepositoryContext<TSaga, T>(StorageFor(context), context, factory));

    private ISagaStorage<TSaga> StorageFor(ConsumeContext context) =>
        storage is EfSagaStorage<TSaga> ef && context.TryGetPayload<IServiceProvider>(out var services) && services.GetService(typeof(SagaDbSession)) is SagaDbSession session
            ? ef.Bind(session, services.GetService(typeof(OutboxDelivery)) as OutboxDelivery)
            : storage;

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        throw new NotSupportedException($"The saga storage correlates {typeof(TSaga).Name} by id only; correlate {typeof(T).Name} with CorrelateById.");
}
