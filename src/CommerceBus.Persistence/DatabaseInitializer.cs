using CommerceBus.Persistence.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Persistence;

/// <summary>
/// Brings the hub's schema up to date at start-up, before the bus and the adapters start: migrates it
/// (<see cref="StorageOptions.MigrateAtStartup"/>), or, when operators migrate by hand, refuses to start on a
/// database with pending migrations. Before that it joins the hubs on the database (<see cref="IHubCoordination"/>: on
/// SQLite that refuses a second process on the file), and leaves them when the hub has stopped.
/// </summary>
internal sealed partial class DatabaseInitializer(
    HubSchemaMigrator migrator,
    IHubDatabaseProvider provider,
    IDbContextFactory<HubDbContext> contexts,
    IOptions<StorageOptions> storage,
    IHubCoordination coordination,
    HubInstance instance,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogInstance(logger, instance.Id);
        try
        {
            await coordination.JoinAsync(cancellationToken);
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
        catch (Exception ex) when (ex is SchemaVersionException or TimeoutException or DatabaseInUseException)
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

    // The first hosted service, so the last to stop: every duty has ended before the leases (or the file) are let go.
    public async Task StopAsync(CancellationToken cancellationToken) => await coordination.DisposeAsync();

    [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "Hub instance {InstanceId} starting (CommerceBus:InstanceId)")]
    private static partial void LogInstance(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Hub database ready ({Provider})")]
    private static partial void LogReady(ILogger logger, string provider);
}
