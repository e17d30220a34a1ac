using System.Collections.Concurrent;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit;
using CommerceBus.Persistence.PostgreSql;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>Hubs starting at once on one PostgreSQL database: one migrates, the others wait for it and find nothing to do.</summary>
public sealed class ConcurrentStartupMigrationTests
{
    [PostgresFact]
    public async Task Three_hubs_starting_at_once_on_one_empty_database_all_start_and_the_schema_is_created_once()
    {
        await using var storage = await HubStorage.PostgreSqlAsync("three_hubs");
        var applied = new ConcurrentQueue<string>();

        var hubs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => TestHub.StartAsync(
            storage.Settings(new Dictionary<string, string?> { ["Logging:LogLevel:" + typeof(HubSchemaMigrator).FullName] = "Information" }),
            configureServices: services => services.AddSingleton<ILoggerProvider>(new MigrationRecorder(applied))))));
        try
        {
            await using var db = await storage.Contexts().CreateDbContextAsync();
            var known = db.Database.GetMigrations().ToList();
            Assert.Equal(known, await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(known.Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
            foreach (var hub in hubs)
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, (await hub.Http.GetAsync("/health")).StatusCode);
            }
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task A_hub_waiting_longer_than_the_deadline_for_another_ones_migration_gives_up_naming_the_lock()
    {
        await using var storage = await HubStorage.PostgreSqlAsync("lock_deadline");
        await using var other = new NpgsqlConnection(storage.PostgreSql);
        await other.OpenAsync();
        await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgreSqlMigrationLock.Key})", other))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var options = storage.StorageOptions;
        options.MigrationLockTimeout = TimeSpan.FromSeconds(1);
        var migrator = new HubSchemaMigrator(storage.Contexts(), storage.Provider, Options.Create(options), NullLogger<HubSchemaMigrator>.Instance);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => migrator.MigrateAsync(CancellationToken.None));
        Assert.Contains("MigrationLockTimeout", timeout.Message, StringComparison.Ordinal);
        await using var db = await storage.Contexts().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>Records the migrations a hub applied (event 1002 of <see cref="HubSchemaMigrator"/>).</summary>
    private sealed class MigrationRecorder(ConcurrentQueue<string> applied) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == typeof(HubSchemaMigrator).FullName ? new Recorder(applied) : NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> applied) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Id == 1002 && state is IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    applied.Enqueue(values.First(v => v.Key == "Migration").Value?.ToString() ?? "");
                }
            }
        }
    }
}
