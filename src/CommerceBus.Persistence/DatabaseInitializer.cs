using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Persistence;

/// <summary>
/// Brings the hub's schema up to date at start-up, before the bus and the adapters start: migrates it
/// (<see cref="StorageOptions.MigrateAtStartup"/>), or, when operators migrate by hand, refuses to start on a
/// database with pending migrations.
/// </summary>
internal sealed partial class DatabaseInitializer(
    HubSchemaMigrator migrator,
    IHubDatabaseProvider provider,
    IDbContextFactory<HubDbContext> contexts,
    IOptions<StorageOptions> storage,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (storage.Value.MigrateAtStartup)
            {
                await migrator.MigrateAsync(cancellationToken);
            }
            else
            {
                await RefuseIfNotMigratedAsync(cancellationToken);
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await provider.OpenedAsync(db.Database, cancellationToken);

            LogReady(logger, db.Database.ProviderName ?? "unknown");
        }
        catch (Exception ex) when (ex is SchemaVersionException or TimeoutException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var where = storage.Value.UsesPostgreSql ? "the PostgreSQL database of CommerceBus:Storage:PostgreSql" : storage.Value.SqlitePath;
            throw new InvalidOperationException(
                $"CommerceBus could not open or migrate its database ({where}): {ex.Message}. Check that it is reachable and writable.", ex);
        }
    }

    private async Task RefuseIfNotMigratedAsync(CancellationToken cancellationToken)
    {
        var status = await migrator.GetStatusAsync(cancellationToken);
        status.ThrowIfNewerThanThisHub();
        if (status.Pending.Count > 0)
        {
            throw new SchemaVersionException(
                $"The database's schema is at {status.DatabaseVersion ?? "no migration (empty, or made by release 3fc6b1e)"}, this hub needs {status.HubVersion}; " +
                $"pending: {string.Join(", ", status.Pending)}. CommerceBus:Storage:MigrateAtStartup is false: " +
                "run `dotnet CommerceBus.Host.dll migrate` (README, \"Upgrading\") with the same settings, then start the hub.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Hub database ready ({Provider})")]
    private static partial void LogReady(ILogger logger, string provider);
}
