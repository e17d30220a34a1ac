using CommerceBus.Core.Bus;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>Registers a saga's repository on the hub's <see cref="ISagaStorage{TSaga}"/> (the EF Core storage unless one is registered).</summary>
public static class SagaStorageRegistrationExtensions
{
    public static ISagaRegistrationConfigurator<TSaga> StorageRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> saga)
        where TSaga : class, IVersionedSaga
    {
        saga.Repository(services =>
        {
            services.TryAddSingleton<ISagaStorage<TSaga>, EfSagaStorage<TSaga>>();
            services.RegisterSagaRepository<TSaga, ISagaStorage<TSaga>, SagaConsumeContextFactory<ISagaStorage<TSaga>, TSaga>, StorageSagaRepositoryContextFactory<TSaga>>();
        });
        return saga;
    }

    /// <summary>
    /// What a saga step on the hub's storage uses per message: one pooled context from the load to the save
    /// (<see cref="SagaDbSession"/>), the rows committed with the saga row (<see cref="SagaSideEffects"/>), the durable
    /// outbox (<see cref="SagaOutbox"/>) and the delivery of its rows right after the commit (<see cref="OutboxDelivery"/>).
    /// The hub's bus registers them here, and so does the saga benchmark, so the two cannot drift apart.
    /// </summary>
    /// <remarks>The delivery removes sent rows through the <c>GroupCommitter</c> the persistence registers.</remarks>
    public static IServiceCollection AddSagaStepServices(this IServiceCollection services)
    {
        services.TryAddScoped<FlowScope>();
        services.TryAddScoped<SagaSideEffects>();
        services.TryAddScoped<SagaOutbox>();
        services.TryAddScoped<SagaDbSession>();
        services.TryAddSingleton<BusSendLimit>();
        services.TryAddSingleton<IOutboxSender, BusOutboxSender>();
        services.TryAddSingleton<OutboxDelivery>();
        return services;
    }
}
