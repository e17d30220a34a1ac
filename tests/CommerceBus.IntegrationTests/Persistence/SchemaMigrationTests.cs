using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.Host;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;
using CommerceBus.Persistence.PostgreSql;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// The hub's schema migrations on both providers: the baseline is release 3fc6b1e's schema, the model and the
/// migrations agree, a later migration upgrades a database in use and a hub that does not know it refuses that
/// database, and operators who migrate by hand get a hub that says so and a command that does it.
/// </summary>
public sealed class SchemaMigrationTests
{
    [Fact]
    public Task SQLite_baseline_is_exactly_the_schema_release_3fc6b1e_made() => BaselineIsRelease3fc6b1eAsync(HubStorage.Sqlite());

    [PostgresFact]
    public async Task PostgreSQL_baseline_is_exactly_the_schema_release_3fc6b1e_made() =>
        await BaselineIsRelease3fc6b1eAsync(await HubStorage.PostgreSqlAsync("baseline"));

    [Fact]
    public async Task The_model_and_the_migrations_agree_on_both_providers()
    {
        // A model change without its migration fails here: add one (docs/migrations.md) for each provider.
        await using var storage = HubStorage.Sqlite();
        await using var sqlite = await storage.Contexts().CreateDbContextAsync();
        Assert.False(sqlite.Database.HasPendingModelChanges(), "the model has changes the SQLite migrations lack: run dotnet ef migrations add (docs/migrations.md)");
        var postgreSql = new DbContextOptionsBuilder<HubDbContext>();
        postgreSql.UseHubPostgreSql("Host=localhost;Database=unused", TimeSpan.FromSeconds(1));
        postgreSql.UseHubModelWithOrders();
        await using var npgsql = new HubDbContext(postgreSql.Options);
        Assert.False(npgsql.Database.HasPendingModelChanges(), "the model has changes the PostgreSQL migrations lack: run dotnet ef migrations add (docs/migrations.md)");
        Assert.Equal(HubDatabase.BaselineMigration, sqlite.Database.GetMigrations().First());
        Assert.Equal(sqlite.Database.GetMigrations(), npgsql.Database.GetMigrations());
    }

    [Fact]
    public async Task SQLite_later_migration_upgrades_a_database_in_use_and_a_hub_without_it_refuses_to_start()
    {
        await using var storage = HubStorage.Sqlite();
        await LaterMigrationAsync(storage);
    }

    [PostgresFact]
    public async Task PostgreSQL_later_migration_upgrades_a_database_in_use_and_a_hub_without_it_refuses_to_start()
    {
        await using var storage = await HubStorage.PostgreSqlAsync("later_migration");
        await LaterMigrationAsync(storage);
    }

    [Fact]
    public async Task With_migration_at_start_up_off_a_pending_migration_stops_the_hub_until_the_migrate_command_ran()
    {
        await using var storage = HubStorage.Sqlite();
        await Release3fc6b1e.CreateAsync(storage);
        var manual = storage.Settings(new Dictionary<string, string?> { ["CommerceBus:Storage:MigrateAtStartup"] = "false" });

        var refused = await Assert.ThrowsAsync<SchemaVersionException>(() => TestHub.StartAsync(manual, dataDirectory: storage.DataDirectory));
        Assert.Contains("dotnet CommerceBus.Host.dll migrate", refused.Message, StringComparison.Ordinal);
        Assert.Contains(HubDatabase.BaselineMigration, refused.Message, StringComparison.Ordinal);

        var settings = new[] { $"--CommerceBus:Storage:SqlitePath={storage.SqlitePath}" };
        Assert.Contains($"pending  {HubDatabase.BaselineMigration}", await RunMigrateAsync([.. settings, "--list"]), StringComparison.Ordinal);
        Assert.Contains($"schema is at", await RunMigrateAsync(settings), StringComparison.Ordinal);
        Assert.Contains($"applied  {HubDatabase.BaselineMigration}", await RunMigrateAsync([.. settings, "--list"]), StringComparison.Ordinal);

        // Back to the baseline by the down-migrations (how an operator steps back a release), and up again.
        string latest;
        await using (var db = await storage.Contexts().CreateDbContextAsync())
        {
            latest = db.Database.GetMigrations().Last();
        }

        Assert.Contains($"schema is at {HubDatabase.BaselineMigration}", await RunMigrateAsync([.. settings, "--to", "Baseline"]), StringComparison.Ordinal);
        Assert.Contains($"pending  {latest}", await RunMigrateAsync([.. settings, "--list"]), StringComparison.Ordinal);
        Assert.Contains($"schema is at {latest}", await RunMigrateAsync(settings), StringComparison.Ordinal);

        await using var hub = await TestHub.StartAsync(manual, dataDirectory: storage.DataDirectory);
        var order = Orders.Valid();
        using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
    }

    [Fact]
    public async Task A_database_from_before_the_saga_outbox_gets_its_table_with_the_baseline_and_orders_complete()
    {
        await using var storage = HubStorage.Sqlite();
        await Release3fc6b1e.CreateAsync(storage);
        await storage.ExecuteAsync("DROP TABLE outbox_messages");

        await using var hub = await TestHub.StartAsync(storage.Settings(), dataDirectory: storage.DataDirectory);

        Assert.Equal(["outbox_messages"], await storage.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'outbox_messages'"));
        var order = Orders.Valid();
        using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
    }

    [PostgresFact]
    public async Task The_migrate_script_upgrades_a_PostgreSQL_database_of_release_3fc6b1e_and_runs_twice_harmlessly()
    {
        await using var storage = await HubStorage.PostgreSqlAsync("script");
        await Release3fc6b1e.CreateAsync(storage);
        // As a release before the saga outbox left it: 3fc6b1e added that table at start-up, and so does the script.
        await storage.ExecuteAsync("DROP TABLE outbox_messages");
        await storage.ExecuteAsync("INSERT INTO inbox (\"MessageId\", \"MessageType\", \"AcceptedAt\") VALUES ('6f1c1e4e-54a5-4a4a-9c55-2d3d0b8a9d11', 'PlaceOrder.v1', now())");

        var script = await RunMigrateAsync([$"--CommerceBus:Storage:PostgreSql={storage.PostgreSql}", "--script"]);
        await storage.ExecuteAsync(script);
        await storage.ExecuteAsync(script);

        await using (var db = await storage.Contexts().CreateDbContextAsync())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }

        Assert.Equal(["1"], await storage.QueryAsync("SELECT count(*) FROM inbox"));
        Assert.Equal(["outbox_messages"], await storage.QueryAsync("SELECT to_regclass('outbox_messages')::text"));
        var manual = storage.Settings(new Dictionary<string, string?> { ["CommerceBus:Storage:MigrateAtStartup"] = "false" });
        await using var hub = await TestHub.StartAsync(manual, dataDirectory: storage.DataDirectory);
    }

    private static async Task BaselineIsRelease3fc6b1eAsync(HubStorage storage)
    {
        await using (storage)
        {
            await using (var db = await storage.Contexts().CreateDbContextAsync())
            {
                await db.Database.GetService<IMigrator>().MigrateAsync(HubDatabase.BaselineMigration);
            }

            Assert.Equal(await UpgradeFromRelease3fc6b1eTests.CatalogOfRelease3fc6b1eAsync(storage.IsPostgreSql), await SchemaCatalog.ReadAsync(storage));
        }
    }

    private static async Task LaterMigrationAsync(HubStorage storage)
    {
        await Release3fc6b1e.CreateAsync(storage);
        var order = Orders.Valid();
        await using (var hub = await TestHub.StartAsync(storage.Settings(), dataDirectory: storage.DataDirectory))
        {
            using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            await hub.WaitForStatusAsync(order.OrderNumber!, "Completed");
        }

        // The next release's hub: the same migrator, knowing one migration more.
        var next = new HubSchemaMigrator(storage.Contexts(MadeUpColumn.AddTo), storage.Provider, Options.Create(storage.StorageOptions), NullLogger<HubSchemaMigrator>.Instance);
        Assert.Equal([MadeUpColumn.Id], (await next.GetStatusAsync(CancellationToken.None)).Pending);
        await next.MigrateAsync(CancellationToken.None);

        Assert.Equal(["<null>"], await storage.QueryAsync($"SELECT \"MadeUpNote\" FROM orders WHERE \"OrderNumber\" = '{order.OrderNumber}'"));
        Assert.Equal(["Completed"], await storage.QueryAsync($"SELECT s.\"Status\" FROM orders o JOIN order_sagas s ON s.\"CorrelationId\" = o.\"TrackingId\" WHERE o.\"OrderNumber\" = '{order.OrderNumber}'"));

        // This release's hub on that database: it would not know what the newer one stores, so it does not start.
        var refused = await Assert.ThrowsAsync<SchemaVersionException>(() => TestHub.StartAsync(storage.Settings(), dataDirectory: storage.DataDirectory));
        Assert.Contains(MadeUpColumn.Id, refused.Message, StringComparison.Ordinal);
        await using var db = await storage.Contexts().CreateDbContextAsync();
        Assert.Contains(db.Database.GetMigrations().Last(), refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<string> RunMigrateAsync(string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await MigrateCommand.RunAsync(args, output);
        Assert.True(exitCode == 0, $"migrate {string.Join(' ', args)} exited with {exitCode}: {output}");
        return output.ToString();
    }
}
