using CommerceBus.Persistence.Coordination;

namespace CommerceBus.Persistence.Sqlite;

/// <summary>
/// Embedded mode is one process: the hub holds an OS lock on <c>&lt;database&gt;.lock</c> for as long as it runs, so a
/// second hub on the same file refuses to start, and it runs every duty itself. The operating system releases the lock
/// when the process ends however it ends (kill -9 included), so a crashed hub never blocks its restart.
/// </summary>
/// <remarks>
/// <see cref="FileShare.None"/> is an exclusive <c>flock</c> on Linux and macOS and a sharing mode on Windows; either
/// way a second open fails, in another process or in this one. The lock is on a file of its own, not on the database,
/// so tools can still read the database while the hub runs.
/// </remarks>
public sealed class SqliteFileCoordination(string databasePath) : IHubCoordination
{
    private FileStream? _lock;

    /// <summary>The file whose lock marks the database as taken.</summary>
    public string LockPath { get; } = databasePath + ".lock";

    public bool OthersWereLive => false;

    public Task JoinAsync(CancellationToken cancellationToken)
    {
        try
        {
            _lock ??= new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return Task.CompletedTask;
        }
        catch (IOException ex)
        {
            throw new DatabaseInUseException(
                $"Another CommerceBus hub is running on the SQLite database {databasePath} (it holds {LockPath}). Embedded mode " +
                "(SQLite) is one hub process per database file. To run several hubs, put them on PostgreSQL and RabbitMQ " +
                "(CommerceBus:Storage:PostgreSql and CommerceBus:RabbitMq; README, \"Running several hubs\"); to run a second " +
                "independent hub, give it a CommerceBus:Storage:SqlitePath of its own.", ex);
        }
    }

    public Task<bool> HoldsAsync(string duty, CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask DisposeAsync()
    {
        _lock?.Dispose();
        _lock = null;
        return ValueTask.CompletedTask;
    }
}
