using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Persistence.GroupCommit;

/// <summary>
/// Group commit: units of work committed at the same time (the intake's accepted commands, journal entries) share one
/// transaction and one durable commit, and each caller is answered only once that commit has returned.
/// </summary>
/// <remarks>
/// <para>
/// Callers queue their context (its changes staged, not saved) in a bounded queue; one loop takes whatever is waiting
/// when it is free, up to <see cref="GroupCommitOptions.MaxBatchSize"/>, and commits it. It never waits for a batch to
/// fill: a unit of work alone is saved at once, exactly as its own <c>SaveChanges</c> would; under load, what arrives
/// while one transaction commits goes into the next, so the commits (the fsync on SQLite, the WAL flush on PostgreSQL)
/// are shared instead of queued one behind the other. A caller that finds nothing queued and no transaction open
/// commits its unit of work alone on its own thread (the same batch of one, without handing it to the loop and back).
/// </para>
/// <para>
/// A shared transaction inserts the new rows of every unit of work made only of new rows (the intake's accepted commands,
/// the rows the batch's <see cref="AddAsync"/> callers staged) in one command (<see cref="NewRows.WriteAllAsync"/>: one
/// round trip for the batch), runs any other context's <c>SaveChanges</c> on its one connection and transaction, then
/// commits once.
/// If anything fails it is rolled back whole and every caller gets a <see cref="GroupCommitFailedException"/> (nothing
/// of its unit of work was written) and commits again on its own, so one bad unit of work is refused alone. Nothing
/// here changes durability: the commit is the database's ordinary synchronous commit, and a caller hears "committed"
/// only after it returned.
/// </para>
/// </remarks>
public sealed partial class GroupCommitter : IAsyncDisposable
{
    private readonly IDbContextFactory<HubDbContext> _contexts;
    private readonly GroupCommitOptions _options;
    private readonly ILogger<GroupCommitter> _logger;
    private readonly Channel<PendingCommit> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _starting = new();

    // Held while a transaction commits, by the loop or by a caller committing alone on its own thread.
    private readonly SemaphoreSlim _committing = new(1, 1);
    private Task? _loop;
    private volatile bool _closed;

    public GroupCommitter(IDbContextFactory<HubDbContext> contexts, IOptions<GroupCommitOptions> options, ILogger<GroupCommitter> logger)
    {
        _contexts = contexts;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingCommit>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>How many units of work wait for a transaction now (for tests and diagnostics).</summary>
    internal int Waiting => _queue.Reader.Count;

    /// <summary>
    /// Commits what <paramref name="db"/> has staged, in a transaction it may share with others; returns once it is
    /// committed. Throws <see cref="GroupCommitFailedException"/> when a shared transaction failed (commit again on your
    /// own), what <c>SaveChanges</c> threw when it was committed alone, or a <see cref="TimeoutException"/> when the
    /// database did not answer (a commit past its deadline or its retries: committing again now would wait as long).
    /// Cancelled only while still waiting in the queue: once a transaction has taken the unit of work, the answer waits
    /// for that transaction (bounded by <see cref="GroupCommitOptions.CommitTimeout"/>), since the context is in use
    /// until then.
    /// </summary>
    public Task CommitAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return EnqueueAsync(new PendingCommit(db), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="statement"/> (a set-based statement such as <c>ExecuteDeleteAsync</c>, which must not fail
    /// for rows that are already gone) in a transaction it may share with others; returns once that is committed. A
    /// failed shared transaction is retried here, with the statement alone on a context of its own.
    /// </summary>
    public async Task ExecuteAsync(Func<HubDbContext, CancellationToken, Task> statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        try
        {
            await EnqueueAsync(new PendingCommit(statement), cancellationToken);
        }
        catch (GroupCommitFailedException)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await statement(db, cancellationToken);
        }
    }

    /// <summary>
    /// Commits the rows <paramref name="stage"/> adds to a context (new rows with nothing to read first, such as a
    /// journal entry), in a transaction it may share with others; returns once they are committed. Rows staged by the
    /// callers of one batch are saved together on the shared transaction's own context, in the one command that inserts
    /// the batch's new rows, instead of one context and one <c>SaveChanges</c> each. Throws what
    /// <see cref="CommitAsync(HubDbContext, CancellationToken)"/> throws: on a <see cref="GroupCommitFailedException"/> nothing was written, and the
    /// caller commits its rows again on its own.
    /// </summary>
    public Task AddAsync(Action<HubDbContext> stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return EnqueueAsync(new PendingCommit(stage), cancellationToken);
    }

    private async Task EnqueueAsync(PendingCommit pending, CancellationToken cancellationToken)
    {
        // Nothing waits and no transaction is open: commit alone at once, on this thread. It is the batch of one the loop
        // would take, without the two thread hops there and back (a commit alone is the common case when idle-ish);
        // what arrives meanwhile queues, and the loop takes it as the next batch once this commit is done.
        if (!_closed && _queue.Reader.Count == 0 && _committing.Wait(0))
        {
            try
            {
                pending.TryTake();
                await CommitAndAnswerAsync(CommitBatch.Of(pending));
            }
            finally
            {
                _committing.Release();
            }

            await pending.Answer;
            return;
        }

        EnsureStarted();
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await using (cancellationToken.Register(static (state, token) => ((PendingCommit)state!).TryWithdraw(token), pending))
        {
            await pending.Answer;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Finish what is queued (callers are waiting for it), within one commit's deadline; then stop.
        _closed = true;
        _queue.Writer.TryComplete();
        if (_loop is { } loop)
        {
            try
            {
                await loop.WaitAsync(_options.CommitTimeout);
            }
            catch (TimeoutException)
            {
                // A batch is stuck past its own deadline: cancel it below; its callers are answered with the failure.
            }
        }

        await _stopping.CancelAsync();
    }

    private void EnsureStarted()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_starting)
        {
            // The loop outlives the request that started it: it must not carry that request's trace or scope.
            using (ExecutionContext.SuppressFlow())
            {
                _loop ??= Task.Run(RunAsync);
            }
        }
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                await _committing.WaitAsync(_stopping.Token);
                try
                {
                    var batch = CommitBatch.Take(_queue.Reader, _options.MaxBatchSize);
                    if (batch.Count > 0)
                    {
                        await CommitAndAnswerAsync(batch);
                    }
                }
                finally
                {
                    _committing.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped past the deadline: what is still queued is answered below.
        }

        while (_queue.Reader.TryRead(out var left))
        {
            if (left.TryTake())
            {
                left.Failed(new ObjectDisposedException(nameof(GroupCommitter), "The hub is stopping; nothing of this unit of work was written."));
            }
        }
    }

    /// <summary>Commits the batch and answers its callers; the caller holds <see cref="_committing"/>.</summary>
    private async Task CommitAndAnswerAsync(CommitBatch batch)
    {
        var failure = await CommitAsync(batch);
        batch.Answer(failure);
        if (CommitBatch.IsUnavailable(failure))
        {
            // The database did not answer within the provider's retries or the commit's deadline. What queued
            // meanwhile would wait as long again for the same answer: refuse it now (the intake answers
            // "unavailable", nothing accepted, the client retries), so in an outage a request waits about one
            // retry budget, not one per batch ahead of it and another to commit alone.
            var waiting = CommitBatch.Take(_queue.Reader, int.MaxValue);
            if (waiting.Count > 0)
            {
                LogRefusedUnavailable(_logger, waiting.Count);
                waiting.Refuse(failure!);
            }
        }
    }

    /// <summary>Commits the batch; returns why it failed, or null.</summary>
    private async Task<Exception?> CommitAsync(CommitBatch batch)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        deadline.CancelAfter(_options.CommitTimeout);
        try
        {
            if (batch.Count == 1 && batch.Items[0].Db is { } lone)
            {
                // Alone: exactly what its caller's own SaveChanges would do, in EF Core's own transaction, committed
                // (synchronously, the database's settings unchanged) before it returns.
                // New rows only (an accepted command) are inserted from the model in one command (NewRows), with no
                // EF Core update pipeline; anything else is SaveChanges.
                await NewRows.SaveAsync(lone, deadline.Token);
                return null;
            }

            await using var db = await _contexts.CreateDbContextAsync(deadline.Token);
            if (batch.Count == 1)
            {
                if (batch.Items[0].Stage is { } stage)
                {
                    stage(db);
                    await NewRows.SaveAsync(db, deadline.Token);
                }
                else
                {
                    await batch.Items[0].Statement!(db, deadline.Token);
                }

                return null;
            }

            // The operation catches its own failures, so a retrying execution strategy (PostgreSQL's) never runs it
            // twice: a failed batch is retried message by message by the callers instead.
            var failure = await db.Database.CreateExecutionStrategy().ExecuteAsync(
                (batch, db),
                static async (_, state, token) => await SaveTogetherAsync(state.db, state.batch, token),
                null,
                deadline.Token);
            if (failure is not null)
            {
                LogBatchFailed(_logger, failure, batch.Count);
            }

            return failure;
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            // The deadline, not the caller, ended it: a lone caller hears a timeout (the intake answers "unavailable"),
            // not a cancellation it never asked for.
            var timeout = new TimeoutException($"The transaction did not commit within CommitTimeout ({_options.CommitTimeout}).", ex);
            if (batch.Count > 1)
            {
                LogBatchFailed(_logger, timeout, batch.Count);
            }

            return timeout;
        }
        catch (Exception ex)
        {
            if (batch.Count > 1)
            {
                LogBatchFailed(_logger, ex, batch.Count);
            }

            return ex;
        }
    }

    private static async Task<Exception?> SaveTogetherAsync(HubDbContext db, CommitBatch batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var joined = new List<(HubDbContext Db, string? ConnectionString)>(batch.Count);
        var written = new List<(HubDbContext Db, NewRows Rows)>(batch.Count);
        var together = new List<NewRows>(batch.Count + 1);
        var staged = false;
        try
        {
            foreach (var pending in batch.Items)
            {
                if (pending.Stage is { } stage)
                {
                    // Saved below with the others staged here, on this context.
                    stage(db);
                    staged = true;
                    continue;
                }

                if (pending.Db is not { } unit)
                {
                    await pending.Statement!(db, cancellationToken);
                    continue;
                }

                if (NewRows.Collect(unit) is { } rows)
                {
                    // New rows only (an accepted command): inserted below with every other unit's, in one command on
                    // this context's connection; the unit's own context need not join the transaction.
                    written.Add((unit, rows));
                    together.Add(rows);
                    continue;
                }

                joined.Add((unit, unit.Database.GetConnectionString()));
                unit.Database.SetDbConnection(connection, contextOwnsConnection: false);
                // The whole batch is rolled back on a failure: no savepoint per unit (a round trip each on PostgreSQL).
                unit.Database.AutoSavepointsEnabled = false;
                await unit.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);

                // Changes stay pending until the commit has returned: after a rollback the caller still has them.
                await unit.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            }

            if (staged)
            {
                // This context is the batch's own, thrown away after the commit: nothing to keep pending for a retry.
                if (NewRows.Collect(db) is { } rows)
                {
                    together.Add(rows);
                }
                else
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            if (together.Count > 0)
            {
                await NewRows.WriteAllAsync(db, together, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await RollBackQuietlyAsync(transaction);
            Leave(joined);
            return ex;
        }

        Leave(joined);
        foreach (var (unit, _) in joined)
        {
            unit.ChangeTracker.AcceptAllChanges();
        }

        foreach (var (unit, rows) in written)
        {
            rows.Accept(unit);
        }

        return null;
    }

    /// <summary>Gives each context back its own connection, as it was before it joined the shared transaction.</summary>
    private static void Leave(List<(HubDbContext Db, string? ConnectionString)> joined)
    {
        foreach (var (unit, connectionString) in joined)
        {
            unit.Database.UseTransaction(null);
            unit.Database.SetDbConnection(null, contextOwnsConnection: true);
            unit.Database.SetConnectionString(connectionString);
            unit.Database.AutoSavepointsEnabled = true;
        }
    }

    private static async Task RollBackQuietlyAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The connection is gone or the transaction already ended: the database rolls it back on its own.
        }
    }

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "The database did not answer a commit; the {Count} units of work waiting for one were refused at once (nothing of them written)")]
    private static partial void LogRefusedUnavailable(ILogger logger, int count);

    [LoggerMessage(EventId = 9300, Level = LogLevel.Warning, Message = "A transaction shared by {BatchSize} units of work failed and was rolled back; each is committed again on its own")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int batchSize);
}
