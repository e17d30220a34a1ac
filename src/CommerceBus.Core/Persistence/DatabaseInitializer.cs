using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Persistence;

/// <summary>Creates the hub's schema at start-up, before the bus and the adapters start.</summary>
internal sealed partial class DatabaseInitializer(
    IDbContextFactory<HubDbContext> contexts,
    IOptions<StorageOptions> storage,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // WAL lets the read model be queried while the pipeline writes, and survives a killed process.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var where = storage.Value.UsesPostgreSql ? "the PostgreSQL database of CommerceBus:Storage:PostgreSql" : storage.Value.SqlitePath;
            throw new InvalidOperationException(
                $"CommerceBus could not open its database ({where}): {ex.Message}. Check that it is reachable and writable.", ex);
        }

        LogReady(logger, db.Database.ProviderName ?? "unknown");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Hub database ready ({Provider})")]
    private static partial void LogReady(ILogger logger, string provider);
}
