using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>
/// Watches the hub's real transactions through EF Core's interceptors: how many orders each committed transaction
/// carried (counted from the <c>INSERT INTO "orders"</c> commands run on its connection), and, while holding, stops a
/// transaction carrying orders just before its commit until the test lets it go.
/// </summary>
public sealed partial class CommitProbe
{
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<DbConnection, int> _ordersOnConnection = new();
    private readonly ConcurrentDictionary<Guid, int> _ordersInTransaction = new();
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
            throw new TimeoutException($"No transaction carrying orders reached its commit within {HoldLimit.TotalSeconds:0}s; committed so far: [{string.Join(", ", CommittedOrders)}].");
        }

        _heldOrders.TryDequeue(out var orders);
        return orders;
    }

    private void Executing(DbCommand command)
    {
        var inserts = OrderInsert().Count(command.CommandText);
        if (inserts > 0 && command.Connection is { } connection)
        {
            _ordersOnConnection.AddOrUpdate(connection, inserts, (_, n) => n + inserts);
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
        if (_holding)
        {
            _heldOrders.Enqueue(orders);
            _held.Release();
            if (!await _release.WaitAsync(HoldLimit, cancellationToken))
            {
                throw new TimeoutException("The test never released a held commit.");
            }
        }
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

    [GeneratedRegex("INSERT INTO \"orders\"")]
    private static partial Regex OrderInsert();

    private sealed class CommandWatch(CommitProbe probe) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            probe.Executing(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            probe.Executing(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            probe.Executing(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
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
