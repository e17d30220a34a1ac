using System.Globalization;
using System.Text;
using CommerceBus.Persistence.Coordination;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommerceBus.Persistence.PostgreSql;

/// <summary>
/// The hubs on one PostgreSQL database, coordinated by session-level advisory locks on a connection of this hub's own
/// (the coordination session, unpooled, application name <c>commercebus:&lt;instance&gt;</c>): every live hub holds
/// the shared "hub" lock, and the hub that runs a periodic duty holds that duty's exclusive lock for as long as its
/// session lives. A hub that is not the holder tries to take the lock once per period of the duty.
/// </summary>
/// <remarks>
/// <para>
/// A lock dies with its session, so the handover is bounded without any lease row to expire: a hub that stops, or is
/// killed (even with SIGKILL: the kernel closes its socket and PostgreSQL ends the session at once), frees its duties
/// immediately, and another hub takes each at its next period. A hub whose host or network vanishes leaves a session
/// that nothing closes; PostgreSQL's own TCP keepalives, set on this session (<see cref="DeadPeerTimeout"/>), end it
/// within 25 seconds. The bound is therefore one period of the duty plus at most <see cref="DeadPeerTimeout"/>.
/// </para>
/// <para>
/// The holder checks its session before every run; a session lost (database restart, network) drops every lease it held,
/// and the hub joins again with a new session at the next period. Npgsql's advisory locks are used directly rather than
/// DistributedLock.Postgres: the migration lock already works this way, the leases must be held for the hub's lifetime on
/// one session whose keepalives we set, and that is a few statements.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlHubCoordination : IHubCoordination
{
    /// <summary>The first key of every advisory lock of the coordination: "CBHU" in ASCII, recognisable in <c>pg_locks.classid</c>.</summary>
    public const int LockClass = 0x43424855;

    /// <summary>The second key of the lock every live hub holds shared.</summary>
    public const int LiveHubsKey = 0;

    // Taken for the moment of joining, so that of two hubs joining at once exactly one finds the other already live.
    private const int JoinKey = 1;

    /// <summary>
    /// How long a hub whose host or network vanished can keep its session (and its leases): PostgreSQL probes an idle
    /// connection after 10 s, every 5 s, and ends it after 3 unanswered probes; data it sent unacknowledged for 25 s
    /// (tcp_user_timeout) ends it too.
    /// </summary>
    public static readonly TimeSpan DeadPeerTimeout = TimeSpan.FromSeconds(25);

    private readonly string _connectionString;
    private readonly HubInstance _instance;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _session = new(1, 1);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;

    public PostgreSqlHubCoordination(StorageOptions storage, HubInstance instance, ILogger<PostgreSqlHubCoordination> logger)
    {
        _instance = instance;
        _logger = logger;

        // Unpooled: the locks belong to the session, which must end with this object, never go back to a pool.
        _connectionString = new NpgsqlConnectionStringBuilder(storage.PostgreSql)
        {
            Pooling = false,
            ApplicationName = $"commercebus:{instance.Id}",
            KeepAlive = 10,
            Timeout = 15,
            CommandTimeout = 15,
        }.ConnectionString;
    }

    public bool OthersWereLive { get; private set; }

    /// <summary>The duty's exclusive lock's second key: a stable 31-bit hash of its name (FNV-1a), above the reserved keys.</summary>
    public static int KeyOf(string duty)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(duty))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF) | 0x100;
    }

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        await _session.WaitAsync(cancellationToken);
        try
        {
            var others = await ConnectAsync(cancellationToken);
            OthersWereLive = others > 0;
            LogJoined(_logger, _instance.Id, others);
        }
        finally
        {
            _session.Release();
        }
    }

    public async Task<bool> HoldsAsync(string duty, CancellationToken cancellationToken)
    {
        await _session.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                await ConnectAsync(cancellationToken);
            }

            if (_held.Contains(duty))
            {
                // A session-level lock is held until the session ends: the session answering is the lease still held.
                await ExecuteAsync("SELECT 1", cancellationToken);
                return true;
            }

            if (await ExecuteAsync($"SELECT pg_try_advisory_lock({LockClass}, {KeyOf(duty)})", cancellationToken) is true)
            {
                _held.Add(duty);
                LogTookDuty(_logger, duty, _instance.Id);
                return true;
            }

            return false;
        }
        catch (Exception ex) when ((ex is NpgsqlException or InvalidOperationException or TimeoutException) && !cancellationToken.IsCancellationRequested)
        {
            // Whatever this session held is gone with it (or soon will be): hold nothing until a new session takes it.
            LogSessionLost(_logger, ex, duty);
            await DropAsync();
            return false;
        }
        finally
        {
            _session.Release();
        }
    }

    // Opens the session, sets its keepalives and joins the live hubs; returns how many other hubs were live.
    private async Task<long> ConnectAsync(CancellationToken cancellationToken)
    {
        await DropAsync();
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            _connection = connection;
            var idle = ((int)DeadPeerTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await ExecuteAsync(
                "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3; " +
                $"SET tcp_user_timeout = {idle}",
                cancellationToken);

            await using var join = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync($"SELECT pg_advisory_xact_lock({LockClass}, {JoinKey})", cancellationToken);
            // pg_locks shows the advisory locks of every database on the server: only this database's hubs count (hubs of
            // another deployment on the same server are not working on these orders).
            var others = (long)(await ExecuteAsync(
                "SELECT count(DISTINCT pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() " +
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
                $"AND classid = {LockClass} AND objid = {LiveHubsKey} AND objsubid = 2",
                cancellationToken) ?? 0L);
            await ExecuteAsync($"SELECT pg_advisory_lock_shared({LockClass}, {LiveHubsKey})", cancellationToken);
            await join.CommitAsync(cancellationToken);
            return others;
        }
        catch
        {
            await DropAsync();
            throw;
        }
    }

    private async Task<object?> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection ?? throw new InvalidOperationException("The coordination session is closed."));
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task DropAsync()
    {
        _held.Clear();
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                // The server releases a closed session's locks only once its backend has seen the close, a moment after
                // the client: a hub starting right after this one stopped would still count it live. Unlocking first
                // makes a graceful stop visible at once (a killed hub's locks go when its backend sees the socket close).
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection) { CommandTimeout = 5 };
                    await unlock.ExecuteNonQueryAsync();
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The session is broken already: closing it releases what it held.
            }

            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases every lock it holds: the other hubs take the duties at their next period.
        await _session.WaitAsync();
        try
        {
            await DropAsync();
        }
        finally
        {
            _session.Release();
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Hub instance {InstanceId} joined the hubs on this PostgreSQL database; {Others} other hub(s) live")]
    private static partial void LogJoined(ILogger logger, string instanceId, long others);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Duty {Duty}: this hub ({InstanceId}) holds its lease now and runs it")]
    private static partial void LogTookDuty(ILogger logger, string duty, string instanceId);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "The coordination session was lost while asking for duty {Duty}; this hub holds no duty until it joins again at the next period")]
    private static partial void LogSessionLost(ILogger logger, Exception exception, string duty);
}
