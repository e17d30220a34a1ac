namespace CommerceBus.Persistence;

/// <summary>The migrations this hub knows and those the database has applied, oldest first.</summary>
public sealed record SchemaStatus(IReadOnlyList<string> Known, IReadOnlyList<string> Applied)
{
    /// <summary>Known migrations the database has not applied yet.</summary>
    public IReadOnlyList<string> Pending => Known.Except(Applied, StringComparer.Ordinal).ToList();

    /// <summary>Applied migrations this hub does not know: the database was migrated by a newer release.</summary>
    public IReadOnlyList<string> Unknown => Applied.Except(Known, StringComparer.Ordinal).ToList();

    /// <summary>The migration the database is at, or null when it has none.</summary>
    public string? DatabaseVersion => Applied.Count == 0 ? null : Applied.Max(StringComparer.Ordinal);

    /// <summary>The latest migration this hub knows.</summary>
    public string HubVersion => Known[^1];

    /// <summary>Refuses a database whose schema is newer than this hub: running on it could lose what the newer release stores.</summary>
    public void ThrowIfNewerThanThisHub()
    {
        if (Unknown.Count > 0)
        {
            throw new SchemaVersionException(
                $"The database's schema is at {DatabaseVersion}, newer than this hub knows (its latest migration is {HubVersion}); " +
                $"applied but unknown here: {string.Join(", ", Unknown)}. Run the release that migrated it, or restore the database from the backup taken before that upgrade.");
        }
    }
}
