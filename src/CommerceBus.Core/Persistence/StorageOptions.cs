namespace CommerceBus.Core.Persistence;

/// <summary>Where the hub keeps its state (configuration <c>CommerceBus:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>A PostgreSQL connection string; when set, the hub uses PostgreSQL instead of the embedded SQLite file.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>The SQLite database file of the embedded default, relative to the working directory the hub was started in.</summary>
    public string SqlitePath { get; set; } = "data/commercebus.db";

    public bool UsesPostgreSql => !string.IsNullOrWhiteSpace(PostgreSql);
}
