using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;
using CommerceBus.Persistence.PostgreSql;
using CommerceBus.Persistence.Sqlite;

namespace CommerceBus.IntegrationTests.Sagas.Redrive;

/// <summary>
/// A database made before the saga's re-drive clock: at start-up the migration gives it the columns and indexes, a completed saga gets
/// no clock (it owes nothing), and a failed saga whose compensation was never confirmed gets one due at once, so it is
/// re-driven and its compensation confirmed.
/// </summary>
public sealed class RedriveClockUpgradeTests(RedriveClockUpgradeTests.Database database) : IClassFixture<RedriveClockUpgradeTests.Database>
{
    /// <summary>The test's own PostgreSQL database, named <c>cb_upgrade_...</c>.</summary>
    public sealed class Database : PostgresDatabaseFixture
    {
        protected override string DatabasePrefix => "upgrade";
    }

    [Fact]
    public Task A_sqlite_database_made_before_the_clock_is_upgraded_and_only_what_is_owed_is_redriven()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(data, "commercebus.db");
        return UpgradeAsync(
            new Dictionary<string, string?>(),
            data,
            Options(o => o.UseHubSqlite(path)));
    }

    [PostgresFact]
    public Task A_postgresql_database_made_before_the_clock_is_upgraded_and_only_what_is_owed_is_redriven() =>
        UpgradeAsync(
            new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString },
            null,
            Options(o => o.UseHubPostgreSql(database.ConnectionString, TimeSpan.FromSeconds(1))));

    private static DbContextOptions<HubDbContext> Options(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        configure(options);
        options.UseHubModelWithOrders();
        return options.Options;
    }

    private static async Task UpgradeAsync(Dictionary<string, string?> settings, string? data, DbContextOptions<HubDbContext> options)
    {
        var completed = Orders.Valid();
        var failed = Orders.Valid() with { Lines = [new OrderLine { Sku = "TV-1", Quantity = 2, UnitPrice = 25000.01m }] };
        await using (var hub = await TestHub.StartAsync(settings, dataDirectory: data))
        {
            foreach (var order in new[] { completed, failed })
            {
                using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
                Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            }

            await hub.WaitForSagaAsync(completed.OrderNumber!, s => s.CurrentState == "Completed", "Completed");
            await hub.WaitForSagaAsync(failed.OrderNumber!, s => s.CurrentState == "Failed" && s.StockReleased, "Failed with its stock released");
        }

        // Back to the schema before the clock (release 3fc6b1e's: the baseline, by the down-migrations, and no
        // migrations history), with the failed order's stock release never confirmed.
        await using (var db = new HubDbContext(options))
        {
            await db.Database.GetService<IMigrator>().MigrateAsync(HubDatabase.BaselineMigration);
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"__EFMigrationsHistory\"");
            await db.Database.ExecuteSqlRawAsync("UPDATE \"order_sagas\" SET \"StockReleased\" = FALSE WHERE \"OrderNumber\" = {0}", failed.OrderNumber!);
        }

        await using (var hub = await TestHub.StartAsync(settings, dataDirectory: data))
        {
            // Re-driven at start-up: the release is sent again and confirmed; then the saga owes nothing.
            var saga = await hub.WaitForSagaAsync(failed.OrderNumber!, s => s.StockReleased && s.NextRedriveAt is null, "its release confirmed again");
            Assert.Equal(0, saga!.RedriveCount);
            var done = await hub.SagaAsync(completed.OrderNumber!);
            Assert.Null(done!.NextRedriveAt);
            Assert.Equal(0, done.RedriveCount);

            // The new hub works on the upgraded schema.
            var next = Orders.Valid();
            using var placed = await hub.Http.PostAsJsonAsync("/api/orders", next, CanonicalJson.Options);
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            await hub.WaitForSagaAsync(next.OrderNumber!, s => s.CurrentState == "Completed", "Completed");
        }
    }
}
