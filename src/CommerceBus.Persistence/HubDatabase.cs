namespace CommerceBus.Persistence;

/// <summary>
/// What every provider of the hub's <see cref="HubDbContext"/> shares: where its migrations are and the baseline
/// (the providers' setup is in CommerceBus.Persistence.Sqlite and CommerceBus.Persistence.PostgreSql).
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
}
