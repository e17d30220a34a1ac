using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>
/// Watches the hub's real transactions through EF Core's interceptors: how many orders each committed transaction
/// carried (counted from the order inserts run on its connection), and, while holding, stops a
/// transaction carrying orders just before its commit until the test lets it go.
/// </summary>
/// <remarks>
/// <para>
/// The two providers write the SQL differently: SQLite's quotes every table name (<c>INSERT INTO "orders"</c>), Npgsql's
/// only where PostgreSQL needs it (<c>INSERT INTO orders</c>).
/// </para>
/// <para>
/// A transaction is normally a <see cref="DbTransaction"/>: the group committer's shared one, and EF Core's own around a
/// <c>SaveChanges</c> of several statements. A command sent without a <see cref="DbTransaction"/> (PostgreSQL runs a
/// command's statements as one implicit transaction: the hub's <c>NewRows</c> sends a lone accepted order so, and EF Core
/// may send a <c>SaveChanges</c> so) is watched too: held before it runs, counted as committed once its results have
/// been read and its reader disposed, as rolled back when it failed. An error a later statement raises only while the
/// results are read (after the first result set) is not seen as a failure here; the orders these tests refuse fail on
/// the order's own insert, before any result set.
/// </para>
/// </remarks>
public sealed partial class CommitProbe
{
    /// <summary>How long a held commit or a test waiting for one waits at most (generous: a loaded 2-core machine).</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(120);

    private readonly ConcurrentDictionary<DbConnection, int> _ordersOnConnection = new();
    private readonly ConcurrentDictionary<Guid, int> _ordersInTransaction = new();
    private readonly ConcurrentDictionary<DbCommand, int> _ordersInImplicitTransaction = new();
    private readonly ConcurrentQueue<int> _committed = new();
    private readonly ConcurrentQueue<int> _rolledBack = new();
    private readonly SemaphoreSlim _release = new(0);
    private readonly SemaphoreSlim _held = new(0);
    private readonly ConcurrentQueue<int> _heldOrders = new();
    private volatile bool _holding;

    public CommitProbe()
    {
        Commands = new CommandWatch(this);
        Transactions = new TransactionWatch(this);
    }

    public IInterceptor Commands { get; }

    public IInterceptor Transactions { get; }

    /// <summary>All the probe's interceptors, for <c>AddInterceptors</c>.</summary>
    public IInterceptor[] Interceptors => [Commands, Transactions];

    /// <summary>How many orders each committed transaction carried, in commit order (transactions without orders left out).</summary>
    public IReadOnlyList<int> CommittedOrders => [.. _committed];

    /// <summary>How many orders each rolled-back transaction had inserted before it was rolled back.</summary>
    public IReadOnlyList<int> RolledBackOrders => [.. _rolledBack];

    /// <summary>From now on, a transaction carrying orders waits before its commit until <see cref="ReleaseOne"/>.</summary>
    public void Hold() => _holding = true;

    /// <summary>Lets the next held transaction commit; with <paramref name="andStop"/>, holds no more after it.</summary>
    public void ReleaseOne(bool andStop = false)
    {
        if (andStop)
        {
            _holding = false;
        }

        _release.Release();
    }

    /// <summary>Waits until a transaction is held before its commit; returns how many orders it carries.</summary>
    public async Task<int> NextHeldAsync()
    {
        if (!await _held.WaitAsync(HoldLimit))
        {
            throw new TimeoutException(
                $"No transaction carrying orders reached its commit within {HoldLimit.TotalSeconds:0}s; committed so far: [{string.Join(", ", CommittedOrders)}], rolled back: [{string.Join(", ", RolledBackOrders)}]. " +
                "Empty lists mean the probe saw no commit at all: check that the hub's orders still reach the database through EF Core with these interceptors (a provider may commit without a DbTransaction, see the remarks).");
        }

        _heldOrders.TryDequeue(out var orders);
        return orders;
    }

    /// <summary>Counts the orders a command inserts; returns how many it inserts in an implicit transaction of its own.</summary>
    private int Executing(DbCommand command)
    {
        var inserts = OrderInsert().Count(command.CommandText);
        if (inserts == 0)
        {
            return 0;
        }

        if (command.Transaction is null)
        {
            // Its own implicit transaction (PostgreSQL, one batch): committed when the command completes.
            _ordersInImplicitTransaction[command] = inserts;
            return inserts;
        }

        if (command.Connection is { } connection)
        {
            _ordersOnConnection.AddOrUpdate(connection, inserts, (_, n) => n + inserts);
        }

        return 0;
    }

    /// <summary>Holds a commit carrying <paramref name="orders"/> orders, while holding, until the test releases it.</summary>
    private async Task HoldAsync(int orders, CancellationToken cancellationToken)
    {
        if (!_holding)
        {
            return;
        }

        _heldOrders.Enqueue(orders);
        _held.Release();
        if (!await _release.WaitAsync(HoldLimit, cancellationToken))
        {
            throw new TimeoutException("The test never released a held commit.");
        }
    }

    /// <summary>A command in an implicit transaction of its own completed: committed, or rolled back when it failed.</summary>
    private void Completed(DbCommand command, bool failed)
    {
        if (_ordersInImplicitTransaction.TryRemove(command, out var orders))
        {
            (failed ? _rolledBack : _committed).Enqueue(orders);
        }
    }

    private async Task CommittingAsync(DbTransaction transaction, Guid transactionId, CancellationToken cancellationToken)
    {
        var orders = transaction.Connection is { } connection && _ordersOnConnection.TryRemove(connection, out var n) ? n : 0;
        if (orders == 0)
        {
            return;
        }

        _ordersInTransaction[transactionId] = orders;
        await HoldAsync(orders, cancellationToken);
    }

    private void Committed(Guid transactionId)
    {
        if (_ordersInTransaction.TryRemove(transactionId, out var orders))
        {
            _committed.Enqueue(orders);
        }
    }

    private void RolledBack(DbTransaction transaction, Guid transactionId)
    {
        var orders = transaction.Connection is { } connection && _ordersOnConnection.TryRemove(connection, out var n) ? n : 0;
        _ordersInTransaction.TryRemove(transactionId, out var counted);
        if (orders + counted > 0)
        {
            _rolledBack.Enqueue(orders + counted);
        }
    }

    // SQLite's SQL quotes every table name; Npgsql's only where PostgreSQL needs it, so there it is INSERT INTO orders.
    [GeneratedRegex("INSERT INTO (?:\"orders\"|orders)\\s")]
    private static partial Regex OrderInsert();

    private sealed class CommandWatch(CommitProbe probe) : DbCommandInterceptor
    {
        // An implicit transaction commits when its command completes: it is held before the command runs.
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (probe.Executing(command) is > 0 and var orders)
            {
                await probe.HoldAsync(orders, cancellationToken);
            }

            return result;
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            probe.Executing(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (probe.Executing(command) is > 0 and var orders)
            {
                await probe.HoldAsync(orders, cancellationToken);
            }

            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            probe.Executing(command);
            return result;
        }

        // An implicit transaction ends with its command: a non-query when it returned, a reader once read and disposed.
        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            probe.Completed(command, failed: false);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            probe.Completed(command, failed: false);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            probe.Completed(command, failed: false);
            return result;
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => probe.Completed(command, failed: true);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            probe.Completed(command, failed: true);
            return Task.CompletedTask;
        }
    }

    private sealed class TransactionWatch(CommitProbe probe) : DbTransactionInterceptor
    {
        // A transaction disposed without an explicit rollback (a failed SaveChanges) leaves its count on the pooled
        // connection: a new transaction starts from zero.
        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            probe._ordersOnConnection.TryRemove(connection, out _);
            return ValueTask.FromResult(result);
        }

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            probe._ordersOnConnection.TryRemove(connection, out _);
            return result;
        }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            await probe.CommittingAsync(transaction, eventData.TransactionId, cancellationToken);
            return result;
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            probe.Committed(eventData.TransactionId);
            return Task.CompletedTask;
        }

        public override InterceptionResult TransactionRollingBack(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            probe.RolledBack(transaction, eventData.TransactionId);
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            probe.RolledBack(transaction, eventData.TransactionId);
            return ValueTask.FromResult(result);
        }
    }
}
