using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas;

/// <summary>The order fulfillment sagas' and their outbox's part of the hub database.</summary>
public sealed class SagasModel : IHubModelContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderSagaRecordConfiguration());
        modelBuilder.ApplyConfiguration(new OutboxMessageRecordConfiguration());
    }
}
