using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Persistence;

/// <summary>
/// Brings the hub's database to the schema this hub knows, with EF Core migrations: recognises a database made by
/// release 3fc6b1e (the hub's tables, no migrations history) as being at the baseline, refuses a database migrated
/// further than this hub knows, and applies pending migrations under the provider's migration lock (<see cref="IHubDatabaseProvider.AcquireMigrationLockAsync"/>).
/// </summary>
public sealed partial class HubSchemaMigrator(
    IDbContextFactory<HubDbContext> contexts,
    IHubDatabaseProvider provider,
    IOptions<StorageOptions> storage,
    ILogger<HubSchemaMigrator> logger)
{
    /// <summary>Applies every pending migration (recording the baseline first on a database of release 3fc6b1e).</summary>
    /// <exception cref="SchemaVersionException">The database holds migrations this hub does not know.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var schemaLock = await provider.AcquireMigrationLockAsync(storage.Value, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RecordBaselineOfAnEarlierReleaseAsync(db, cancellationToken);
        var status = await ReadStatusAsync(db, cancellationToken);
        status.ThrowIfNewerThanThisHub();
        foreach (var migration in status.Pending)
        {
            LogApplying(logger, migration);
        }

        await db.Database.MigrateAsync(cancellationToken);
        LogSchemaAt(logger, status.HubVersion);
    }

    /// <summary>
    /// Moves the schema to <paramref name="target"/> (a migration's id or name), up or down: down runs the down-migrations
    /// of the later ones, how a deployment steps back to an earlier release without a restore where they keep the data.
    /// </summary>
    /// <exception cref="SchemaVersionException">The target is unknown, or the database holds migrations this hub does not know.</exception>
    public async Task MigrateToAsync(string target, CancellationToken cancellationToken)
    {
        await using var schemaLock = await provider.AcquireMigrationLockAsync(storage.Value, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RecordBaselineOfAnEarlierReleaseAsync(db, cancellationToken);
        var status = await ReadStatusAsync(db, cancellationToken);
        status.ThrowIfNewerThanThisHub();
        var id = status.Known.SingleOrDefault(m => m == target || m.EndsWith("_" + target, StringComparison.Ordinal))
            ?? throw new SchemaVersionException($"This hub knows no migration '{target}'; it knows {string.Join(", ", status.Known)}.");
        await db.Database.GetService<IMigrator>().MigrateAsync(id, cancellationToken);
        LogSchemaAt(logger, id);
    }

    /// <summary>Which migrations this hub knows, which the database has, and what is pending; writes nothing.</summary>
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadStatusAsync(db, cancellationToken);
    }

    /// <summary>
    /// The SQL a DBA runs to bring this provider's database to this hub's schema. On PostgreSQL the script is
    /// idempotent: it runs on any database of release 3fc6b1e or later and applies only what is missing. SQLite cannot
    /// guard statements, so there the script starts from the migration the configured database is at.
    /// </summary>
    public async Task<string> ScriptAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var migrator = db.Database.GetService<IMigrator>();
        var history = db.Database.GetService<IHistoryRepository>();
        var idempotent = provider.IdempotentScript(migrator, history, BaselineRow(), OutboxStatements(migrator));
        if (idempotent is not null)
        {
            return idempotent;
        }

        var status = await ReadStatusAsync(db, cancellationToken);
        status.ThrowIfNewerThanThisHub();
        var recordBaseline = status.Applied.Count == 0 && await EarlierReleaseAsync(db, cancellationToken);
        var from = recordBaseline ? HubDatabase.BaselineMigration : status.Applied.LastOrDefault();
        string[] preamble = recordBaseline
            ? ["-- The database was made by release 3fc6b1e: it is recorded at the baseline.", history.GetCreateIfNotExistsScript(), history.GetInsertScript(BaselineRow())]
            : [];
        return string.Join(
            Environment.NewLine,
            [$"-- CommerceBus schema for this SQLite database, from {from ?? "an empty database"} to {status.HubVersion}.", .. preamble, migrator.GenerateScript(fromMigration: from)]);
    }

    private static HistoryRow BaselineRow() => new(HubDatabase.BaselineMigration, ProductInfo.GetVersion());

    private static async Task<SchemaStatus> ReadStatusAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var applied = (await AppliedAsync(db, cancellationToken)).ToList();
        var known = db.Database.GetMigrations().ToList();
        return new SchemaStatus(known, applied);
    }

    // Asked only when the history table exists: EF Core would otherwise query it anyway and log the failure as an error.
    private static async Task<IEnumerable<string>> AppliedAsync(HubDbContext db, CancellationToken cancellationToken) =>
        await db.Database.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
            ? await db.Database.GetAppliedMigrationsAsync(cancellationToken)
            : [];

    // Release 3fc6b1e and earlier made the schema with EnsureCreated, which keeps no history. Such a database has the
    // baseline's tables: the baseline is recorded as applied instead of being run, and later migrations upgrade it.
    private async Task RecordBaselineOfAnEarlierReleaseAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        if ((await AppliedAsync(db, cancellationToken)).Any() || !await EarlierReleaseAsync(db, cancellationToken))
        {
            return;
        }

        var tables = await TablesAsync(db, cancellationToken);
        if (!tables.Contains("outbox_messages"))
        {
            // Releases before the saga outbox (1e5a226) lack only its table; 3fc6b1e added it at start-up, so does this.
            await CreateOutboxTableAsync(db, cancellationToken);
        }

        var history = db.Database.GetService<IHistoryRepository>();
        await history.CreateIfNotExistsAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(BaselineRow()), cancellationToken);
        LogBaselineRecorded(logger, HubDatabase.BaselineMigration);
    }

    private async Task<bool> EarlierReleaseAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var tables = await TablesAsync(db, cancellationToken);
        var present = HubDatabase.BaselineTables.Where(tables.Contains).ToList();
        if (present.Count == 0)
        {
            return false;
        }

        var missing = HubDatabase.BaselineTables.Except(present).Where(t => t != "outbox_messages").ToList();
        if (missing.Count > 0)
        {
            throw new SchemaVersionException(
                $"The database holds some of the hub's tables ({string.Join(", ", present)}) but not {string.Join(", ", missing)}, " +
                "and no migrations history: it was not made by a CommerceBus release this hub can upgrade. Point the hub at its own database.");
        }

        return true;
    }

    private async Task<HashSet<string>> TablesAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var names = await db.Database.SqlQueryRaw<string>(provider.TablesQuery).ToListAsync(cancellationToken);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    private static async Task CreateOutboxTableAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        foreach (var statement in OutboxStatements(db.Database.GetService<IMigrator>()))
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }
    }

    // The baseline's own statements for the outbox table and its index.
    private static IEnumerable<string> OutboxStatements(IMigrator migrator) =>
        migrator.GenerateScript(fromMigration: null, toMigration: HubDatabase.BaselineMigration)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(statement => statement.Contains("outbox_messages", StringComparison.Ordinal));

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database made by an earlier release (no migrations history): recorded at the baseline {Migration}")]
    private static partial void LogBaselineRecorded(ILogger logger, string migration);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Applying migration {Migration}")]
    private static partial void LogApplying(ILogger logger, string migration);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Database schema at {Migration}")]
    private static partial void LogSchemaAt(ILogger logger, string migration);
}
