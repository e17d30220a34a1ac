using CommerceBus.Persistence.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Persistence;

/// <summary>
/// One database provider of the hub (SQLite, PostgreSQL), in its own project so that a hub loads only the provider it
/// is configured with: the provider's options and what is provider-specific in migrating and opening the database.
/// </summary>
public interface IHubDatabaseProvider
{
    /// <summary>Configures the context's options for this provider from <paramref name="storage"/>.</summary>
    void Configure(DbContextOptionsBuilder options, StorageOptions storage);

    /// <summary>Holds other hubs off while this one inspects and migrates the database; disposing releases it.</summary>
    Task<IAsyncDisposable> AcquireMigrationLockAsync(StorageOptions storage, CancellationToken cancellationToken);

    /// <summary>How hubs on this database share it: PostgreSQL's advisory locks, or SQLite's one process per file.</summary>
    IHubCoordination Coordination(StorageOptions storage, HubInstance instance, ILoggerFactory loggers);

    /// <summary>A query returning the names of the current schema's tables as a column named <c>Value</c>.</summary>
    string TablesQuery { get; }

    /// <summary>
    /// The script that brings any database of release 3fc6b1e or later to this hub's schema, when this provider can guard
    /// statements; null otherwise (the script then starts from the migration the database is at).
    /// </summary>
    string? IdempotentScript(IMigrator migrator, IHistoryRepository history, HistoryRow baseline, IEnumerable<string> outboxStatements);

    /// <summary>Runs once the schema is current, before the hub takes messages (session settings such as SQLite's WAL).</summary>
    Task OpenedAsync(DatabaseFacade database, CancellationToken cancellationToken);

    /// <summary>Runs after a retention sweep has deleted rows (SQLite truncates its write-ahead log and refreshes its planner's statistics).</summary>
    Task SweptAsync(DatabaseFacade database, CancellationToken cancellationToken);
}
