using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>The OData query tests on the embedded SQLite database.</summary>
public sealed class SqliteODataQueryTests(SqliteODataHub hub) : ODataQueryTests<SqliteODataHub>(hub)
{
    /// <summary>
    /// SQLite gathers no planner statistics by itself; without them a page of orders by status, newest first, sorted every
    /// order of that status (bench/README.md, "OData page and SQLite's read cost"). The hub refreshes them after each
    /// retention sweep.
    /// </summary>
    [Fact]
    public async Task A_retention_sweep_leaves_planner_statistics_for_the_order_tables()
    {
        var services = Hub.Hub.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();

        await services.GetRequiredService<IHubDatabaseProvider>().SweptAsync(db.Database, CancellationToken.None);

        var analyzed = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT tbl AS \"Value\" FROM sqlite_stat1").ToListAsync();
        Assert.True(analyzed.Contains("orders") && analyzed.Contains("order_sagas"),
            $"sqlite_stat1 holds statistics for [{string.Join(", ", analyzed)}], not for orders and order_sagas: "
            + "SqliteHubDatabaseProvider.SweptAsync must run PRAGMA optimize (with 0x10000, every table), or order pages sort whole tables.");
    }
}
