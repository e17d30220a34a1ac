using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
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
/// <c>SaveChanges</c> of several statements (the intake's always has several; checked on both providers). A
/// <c>SaveChanges</c> EF Core sends as one command without a <see cref="DbTransaction"/> (PostgreSQL runs such a batch
/// as one implicit transaction) is watched too: held before its command runs and counted as committed when its
/// <c>SaveChanges</c> has returned, so a change of EF Core's transaction use cannot make the probe blind again.
/// </para>
/// </remarks>
public sealed partial class CommitProbe
{
    /// <summary>How long a held commit or a test waiting for one waits at most (generous: a loaded 2-core machine).</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(120);

    private readonly ConcurrentDictionary<DbConnection, int> _ordersOnConnection = new();
    private readonly ConcurrentDictionary<Guid, int> _ordersInTransaction = new();
    private readonly ConcurrentDictionary<DbContext, int> _ordersInImplicitTransaction = new();
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
        Saves = new SaveWatch(this);
    }

    public IInterceptor Commands { get; }

    public IInterceptor Transactions { get; }

    public IInterceptor Saves { get; }

    /// <summary>All the probe's interceptors, for <c>AddInterceptors</c>.</summary>
    public IInterceptor[] Interceptors => [Commands, Transactions, Saves];

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
    private int Executing(DbCommand command, DbContext? context)
    {
        var inserts = OrderInsert().Count(command.CommandText);
        if (inserts == 0)
        {
            return 0;
        }

        if (command.Transaction is null && context is not null)
        {
            // Its own implicit transaction (PostgreSQL, one batch): committed when the command completes.
            _ordersInImplicitTransaction.AddOrUpdate(context, inserts, (_, n) => n + inserts);
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

    private void Saved(DbContext? context)
    {
        if (context is not null && _ordersInImplicitTransaction.TryRemove(context, out var orders))
        {
            _committed.Enqueue(orders);
        }
    }

    private void SaveFailed(DbContext? context)
    {
        if (context is not null && _ordersInImplicitTransaction.TryRemove(context, out var orders))
        {
            _rolledBack.Enqueue(orders);
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
            if (probe.Executing(command, eventData.Context) is > 0 and var orders)
            {
                await probe.HoldAsync(orders, cancellationToken);
            }

            return result;
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            probe.Executing(command, eventData.Context);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (probe.Executing(command, eventData.Context) is > 0 and var orders)
            {
                await probe.HoldAsync(orders, cancellationToken);
            }

            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            probe.Executing(command, eventData.Context);
            return result;
        }
    }

    /// <summary>Ends an implicit transaction: committed when its <c>SaveChanges</c> returned, rolled back when it failed or was cancelled.</summary>
    private sealed class SaveWatch(CommitProbe probe) : SaveChangesInterceptor
    {
        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            probe.Saved(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            probe.Saved(eventData.Context);
            return result;
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            probe.SaveFailed(eventData.Context);
            return Task.CompletedTask;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => probe.SaveFailed(eventData.Context);

        public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
        {
            probe.SaveFailed(eventData.Context);
            return Task.CompletedTask;
        }

        public override void SaveChangesCanceled(DbContextEventData eventData) => probe.SaveFailed(eventData.Context);
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
