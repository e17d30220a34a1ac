namespace CommerceBus.Persistence;

/// <summary>Where the hub keeps its state (configuration <c>CommerceBus:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>A PostgreSQL connection string; when set, the hub uses PostgreSQL instead of the embedded SQLite file.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>The SQLite database file of the embedded default, relative to the working directory the hub was started in.</summary>
    public string SqlitePath { get; set; } = "data/commercebus.db";

    /// <summary>
    /// On PostgreSQL, the longest wait between the retries of an operation that failed transiently (six retries, with
    /// waits growing up to this). It bounds how long a request waits while the database is away before the intake
    /// answers 503 "retry later": with the default of 5 s, about 20 s.
    /// </summary>
    public TimeSpan PostgreSqlRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the hub applies pending schema migrations when it starts (the default). Off, a hub that finds a pending
    /// migration refuses to start and says to run <c>dotnet CommerceBus.Host.dll migrate</c>.
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;

    /// <summary>
    /// On PostgreSQL, how long a starting hub waits for another hub that is migrating the same database before it gives
    /// up with an error.
    /// </summary>
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public bool UsesPostgreSql => !string.IsNullOrWhiteSpace(PostgreSql);
}
