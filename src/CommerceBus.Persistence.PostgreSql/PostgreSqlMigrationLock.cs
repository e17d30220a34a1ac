using System.Globalization;
using Npgsql;

namespace CommerceBus.Persistence.PostgreSql;

/// <summary>
/// Keeps hubs starting at once on one PostgreSQL database from migrating it together: a session-level advisory lock on
/// a fixed key, held on a connection of its own while one hub inspects and migrates, waited for up to
/// <see cref="StorageOptions.MigrationLockTimeout"/>. (On SQLite, one hub owns the file and EF Core's own migration lock
/// suffices.)
/// </summary>
public sealed class PostgreSqlMigrationLock : IAsyncDisposable
{
    /// <summary>The advisory lock key: "CBSCHEMA" in ASCII, so it is recognisable in <c>pg_locks</c>.</summary>
    public const long Key = 0x4342534348454D41;

    private readonly NpgsqlConnection _connection;

    private PostgreSqlMigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgreSqlMigrationLock> AcquireAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        // Unpooled: the lock belongs to the session, which must end with this object, not go back to a pool.
        var connectionString = new NpgsqlConnectionStringBuilder(storage.PostgreSql) { Pooling = false }.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var timeout = (long)storage.MigrationLockTimeout.TotalMilliseconds;
            await using var command = new NpgsqlCommand(
                $"SET lock_timeout = {timeout.ToString(CultureInfo.InvariantCulture)}; SELECT pg_advisory_lock({Key.ToString(CultureInfo.InvariantCulture)});",
                connection);

            // The wait is bounded by lock_timeout; Npgsql's own 30 s command timeout must not end it first (two hubs
            // started together on a loaded machine: the second gave up after 30 s while the first still migrated).
            command.CommandTimeout = (int)Math.Ceiling(storage.MigrationLockTimeout.TotalSeconds) + 30;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgreSqlMigrationLock(connection);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync();
            throw new TimeoutException(
                $"Another hub has held the schema migration lock (advisory lock {Key}) for more than {storage.MigrationLockTimeout}: " +
                "it may still be migrating a large database. Start this hub again once it is done, or raise CommerceBus:Storage:MigrationLockTimeout.", ex);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the unpooled session releases the lock too; unlocking first says so plainly in the server's log.
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key.ToString(CultureInfo.InvariantCulture)})", _connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
