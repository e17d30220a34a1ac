using CommerceBus.Fulfillment;
using CommerceBus.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommerceBus.Persistence.Migrations.Sqlite;

/// <summary>The hub's context as <c>dotnet ef</c> sees it for the Sqlite migrations; adding a migration never connects to a database.</summary>
internal sealed class DesignTimeHubDbContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubSqlite("design-time.db")
            .UseHubModelWithOrders();
        return new HubDbContext(options.Options);
    }
}
