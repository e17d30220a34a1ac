using CommerceBus.Fulfillment;
using CommerceBus.Persistence.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommerceBus.Persistence.Migrations.PostgreSql;

/// <summary>The hub's context as <c>dotnet ef</c> sees it for the PostgreSql migrations; adding a migration never connects to a database.</summary>
internal sealed class DesignTimeHubDbContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubPostgreSql("Host=localhost;Database=commercebus", TimeSpan.FromSeconds(5))
            .UseHubModelWithOrders();
        return new HubDbContext(options.Options);
    }
}
