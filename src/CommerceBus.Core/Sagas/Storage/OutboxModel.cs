using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>The saga outbox's part of the hub database (the sagas' own tables are their modules').</summary>
public sealed class OutboxModel : IHubModelContributor
{
    public void Configure(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new OutboxMessageRecordConfiguration());
}
