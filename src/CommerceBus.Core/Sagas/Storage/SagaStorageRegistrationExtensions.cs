using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
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
}
