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
                // The clock's columns first: the model's indexes, created next, include one on them.
                await Sagas.RedriveClockSchema.UpgradeAsync(db, cancellationToken);
                await AddTablesAddedSinceAsync(db, cancellationToken);
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
    // table added since (the saga outbox) is created from the model's own script, if it is not there yet; so is every
    // index of the model (those behind the retention and sweep queries came later); a column added since is added.
    private static async Task AddTablesAddedSinceAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var statements = db.Database.GenerateCreateScript()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        foreach (var statement in statements.Where(s => s.Contains("\"outbox_messages\"", StringComparison.Ordinal) && s.StartsWith("CREATE TABLE ", StringComparison.Ordinal)))
        {
            await db.Database.ExecuteSqlRawAsync(statement.Replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal), cancellationToken);
        }

        foreach (var (table, column, type) in ColumnsAddedSince)
        {
            await AddColumnIfMissingAsync(db, table, column, type, cancellationToken);
        }

        foreach (var statement in statements.Where(s => s.StartsWith("CREATE INDEX ", StringComparison.Ordinal) || s.StartsWith("CREATE UNIQUE INDEX ", StringComparison.Ordinal)))
        {
            var idempotent = statement
                .Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal)
                .Replace("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync(idempotent, cancellationToken);
        }
    }

    // Nullable columns added to existing tables since the first release, so a database made before them keeps working.
    private static readonly (string Table, string Column, string Type)[] ColumnsAddedSince =
    [
        ("failed_messages", nameof(FailedMessageRecord.Kind), "character varying(20)"),
    ];

    private static async Task AddColumnIfMissingAsync(HubDbContext db, string table, string column, string type, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            var add = $"ALTER TABLE \"{table}\" ADD COLUMN IF NOT EXISTS \"{column}\" {type}";
            await db.Database.ExecuteSqlRawAsync(add, cancellationToken);
            return;
        }

        // SQLite has no ADD COLUMN IF NOT EXISTS: ask its table info first.
        var ask = $"SELECT COUNT(*) AS \"Value\" FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (await db.Database.SqlQueryRaw<int>(ask).SingleAsync(cancellationToken) == 0)
        {
            var add = $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" TEXT NULL";
            await db.Database.ExecuteSqlRawAsync(add, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Hub database ready ({Provider})")]
    private static partial void LogReady(ILogger logger, string provider);
}
