using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Persistence;

/// <summary>
/// A module's part of the hub database's model: the module applies its own entity configurations, so
/// <see cref="HubDbContext"/> knows no module's entities.
/// </summary>
public interface IHubModelContributor
{
    void Configure(ModelBuilder modelBuilder);
}
