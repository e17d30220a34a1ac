using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Persistence;

/// <summary>
/// How the hub's <see cref="HubDbContext"/> is configured on each provider, shared by the running hub and the design-time
/// factories of the migrations projects, so <c>dotnet ef</c> sees the model the hub runs with.
/// </summary>
public static class HubDatabase
{
    /// <summary>The assembly holding the SQLite migrations (a model of its own: amounts are REAL there).</summary>
    public const string SqliteMigrationsAssembly = "CommerceBus.Persistence.Migrations.Sqlite";

    /// <summary>The assembly holding the PostgreSQL migrations.</summary>
    public const string PostgreSqlMigrationsAssembly = "CommerceBus.Persistence.Migrations.PostgreSql";

    /// <summary>The first migration: the schema exactly as release 3fc6b1e (the last made by EnsureCreated) left it, on both providers.</summary>
    public const string BaselineMigration = "20261201000000_Baseline";

    /// <summary>The tables of the baseline: a database holding them but no migrations history was made by release 3fc6b1e or earlier.</summary>
    public static readonly IReadOnlyList<string> BaselineTables =
        ["orders", "order_lines", "inbox", "journal", "order_sagas", "failed_messages", "outbox_messages"];

    /// <summary>The embedded default: a SQLite file.</summary>
    public static DbContextOptionsBuilder UseHubSqlite(this DbContextOptionsBuilder options, string path) =>
        options.UseSqlite($"Data Source={path};Pooling=True;Default Timeout=30", sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));

    /// <summary>Production: PostgreSQL, retrying transient failures with waits growing up to <paramref name="retryMaxDelay"/>.</summary>
    public static DbContextOptionsBuilder UseHubPostgreSql(this DbContextOptionsBuilder options, string connectionString, TimeSpan retryMaxDelay) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .EnableRetryOnFailure(6, retryMaxDelay, null)
            .MigrationsAssembly(PostgreSqlMigrationsAssembly));
}
