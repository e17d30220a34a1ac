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

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new StorageSagaRepositoryContext<TSaga, T>(storage, context, factory));

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        throw new NotSupportedException($"The saga storage correlates {typeof(TSaga).Name} by id only; correlate {typeof(T).Name} with CorrelateById.");
}
