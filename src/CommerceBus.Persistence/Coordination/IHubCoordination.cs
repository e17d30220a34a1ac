namespace CommerceBus.Persistence.Coordination;

/// <summary>
/// How the hubs on one database share it (docs/reliability.md, "Several hubs on one database"): which one runs each
/// periodic duty, and whether others were already working when this one joined. Made by the
/// <see cref="IHubDatabaseProvider"/>: on PostgreSQL advisory locks on a session of the hub's own, on SQLite an OS lock
/// on the file, which makes this process its only hub.
/// </summary>
public interface IHubCoordination : IAsyncDisposable
{
    /// <summary>
    /// Joins the hubs on the database, before anything is read or migrated; on SQLite throws when another process holds
    /// the file. Leaving is <see cref="IAsyncDisposable.DisposeAsync"/> (or the process's end).
    /// </summary>
    Task JoinAsync(CancellationToken cancellationToken);

    /// <summary>Whether other hubs were working on the database when this one joined (always false on SQLite).</summary>
    bool OthersWereLive { get; }

    /// <summary>
    /// Whether this hub runs <paramref name="duty"/> now: true while it holds the duty's lease, which it takes when no
    /// live hub holds it. False (never an exception) when the database cannot be asked: the duty waits for its next period.
    /// </summary>
    Task<bool> HoldsAsync(string duty, CancellationToken cancellationToken);
}
