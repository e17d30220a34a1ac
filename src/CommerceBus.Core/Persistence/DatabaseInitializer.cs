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
            if (!await db.Database.EnsureCreatedAsync(cancellationToken))
            {
                await AddTablesAddedSinceAsync(db, cancellationToken);
                await Sagas.RedriveClockSchema.UpgradeAsync(db, cancellationToken);
            }
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

    // There are no migrations: EnsureCreated makes the whole schema on a new database and nothing on an existing one. A
    // table added since (the saga outbox) is created from the model's own script, if it is not there yet.
    private static async Task AddTablesAddedSinceAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var statements = db.Database.GenerateCreateScript()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(statement => statement.Contains("\"outbox_messages\"", StringComparison.Ordinal));
        foreach (var statement in statements)
        {
            var idempotent = statement
                .Replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync(idempotent, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Hub database ready ({Provider})")]
    private static partial void LogReady(ILogger logger, string provider);
}
