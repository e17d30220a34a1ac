using CommerceBus.Persistence.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Persistence.Sqlite;

/// <summary>The hub database on a SQLite file: one hub process owns it (an OS lock beside it), so EF Core's own migration lock suffices.</summary>
public sealed class SqliteHubDatabaseProvider : IHubDatabaseProvider
{
    public string TablesQuery => "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'";

    public void Configure(DbContextOptionsBuilder options, StorageOptions storage)
    {
        // Relative to where the hub was started, so `data/` sits beside the command that ran it.
        var path = Path.GetFullPath(storage.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        options.UseHubSqlite(path);
    }

    // One process per file: a second hub on it refuses to start (SqliteFileCoordination).
    public IHubCoordination Coordination(StorageOptions storage, HubInstance instance, ILoggerFactory loggers) =>
        new SqliteFileCoordination(Path.GetFullPath(storage.SqlitePath));

    public Task<IAsyncDisposable> AcquireMigrationLockAsync(StorageOptions storage, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    // SQLite cannot guard statements: its script starts from the migration the configured database is at.
    public string? IdempotentScript(IMigrator migrator, IHistoryRepository history, HistoryRow baseline, IEnumerable<string> outboxStatements) => null;

    // WAL lets the read model be queried while the pipeline writes, and survives a killed process. The planner's
    // statistics: see SweptAsync.
    public async Task OpenedAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; " + Optimize, cancellationToken);

    // Readers can keep the WAL from being reset by a passive checkpoint; TRUNCATE waits for them and leaves a
    // zero-length file, so the log does not stay at its high-water mark for ever.
    public async Task SweptAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        await database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE); " + Optimize, cancellationToken);

    // SQLite gathers no statistics on its own (PostgreSQL's autovacuum does). Without them its planner takes any index
    // on an equality over one sorted by the ORDER BY: a page of orders by status, newest first, read every order of
    // that status through IX_order_sagas_Status and sorted them all (about 25 ms CPU a page at 20,000 orders), where
    // walking IX_orders_CreatedAt stops after the page (bench/README.md, "OData page on PostgreSQL and SQLite's
    // read cost"). "optimize" analyzes only the tables whose size changed much since their last analysis (0x10002:
    // every table, not only those this connection used), with SQLite's own bound on the rows it reads.
    private const string Optimize = "PRAGMA optimize=0x10002;";

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
