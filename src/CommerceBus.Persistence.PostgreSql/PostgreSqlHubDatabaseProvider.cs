using CommerceBus.Persistence.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Persistence.PostgreSql;

/// <summary>The hub database on PostgreSQL: hubs sharing it migrate one at a time under an advisory lock.</summary>
public sealed class PostgreSqlHubDatabaseProvider : IHubDatabaseProvider
{
    public string TablesQuery => "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema()";

    public void Configure(DbContextOptionsBuilder options, StorageOptions storage) =>
        options.UseHubPostgreSql(storage.PostgreSql!, storage.PostgreSqlRetryMaxDelay);

    public IHubCoordination Coordination(StorageOptions storage, HubInstance instance, ILoggerFactory loggers) =>
        new PostgreSqlHubCoordination(storage, instance, loggers.CreateLogger<PostgreSqlHubCoordination>());

    public async Task<IAsyncDisposable> AcquireMigrationLockAsync(StorageOptions storage, CancellationToken cancellationToken) =>
        await PostgreSqlMigrationLock.AcquireAsync(storage, cancellationToken);

    // Idempotent: runs on an empty database and on any database of release 3fc6b1e or later, applying only what is missing.
    public string? IdempotentScript(IMigrator migrator, IHistoryRepository history, HistoryRow baseline, IEnumerable<string> outboxStatements) =>
        string.Join(
            Environment.NewLine,
            "-- CommerceBus schema, idempotent: runs on an empty database and on any database of release 3fc6b1e or later.",
            "-- A database of release 3fc6b1e (the hub's tables, no migrations history) is recorded at the baseline, not created again.",
            history.GetCreateIfNotExistsScript(),
            "DO $$",
            "BEGIN",
            $"    IF to_regclass('orders') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"{HistoryRepository.DefaultTableName}\") THEN",
            "        " + history.GetInsertScript(baseline).Trim(),
            "        -- Releases before the saga outbox lack only its table; 3fc6b1e added it at start-up.",
            "        IF to_regclass('outbox_messages') IS NULL THEN",
            string.Join(Environment.NewLine, outboxStatements.Select(statement => "            " + statement + ";")),
            "        END IF;",
            "    END IF;",
            "END $$;",
            migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent));

    public Task OpenedAsync(DatabaseFacade database, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SweptAsync(DatabaseFacade database, CancellationToken cancellationToken) => Task.CompletedTask;
}
