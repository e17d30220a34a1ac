using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>
/// A saga transition written from the model (<see cref="ChangedRows"/>, issue 21: the versioned update, the new outbox
/// row, the carried delete of a sent one, in one command) stores what <c>SaveChanges</c> stores, refuses a stale version
/// with nothing written (on PostgreSQL by the database, in the command's own implicit transaction), and leaves to
/// <c>SaveChanges</c> what it does not write; on the real database with the hub's
/// migrated schema, read back column by column with plain SQL.
/// </summary>
public sealed class ChangedRowsTests
{
    [Fact]
    public async Task A_transition_is_stored_exactly_as_SaveChanges_stores_it_on_SQLite()
    {
        await using var hub = await TestHub.StartAsync();
        await Same_rows_either_way(hub);
        await A_stale_version_writes_nothing(hub);
    }

    [PostgresFact]
    public async Task A_transition_is_stored_exactly_as_SaveChanges_stores_it_on_PostgreSQL()
    {
        await TestHub.OnPostgreSqlAsync("changed_rows", async hub =>
        {
            await Same_rows_either_way(hub);
            await A_stale_version_writes_nothing(hub);
        });
    }

    // PostgreSQL runs the one command in one implicit transaction: no BEGIN/COMMIT (a round trip fewer), and a version
    // check the database refuses takes back every statement of the command, the UPDATE sent before it included.
    [PostgresFact]
    public async Task On_PostgreSQL_a_transition_is_one_command_without_BEGIN_and_a_refused_carried_delete_takes_the_update_back()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("changed_rows_implicit");
        try
        {
            var probe = new WriteProbe();
            await using var hub = await TestHub.StartAsync(
                new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = connectionString },
                configureServices: services => services.ConfigureDbContext<HubDbContext>(o => o.AddInterceptors(probe)));
            var contexts = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();

            var accepted = await SeedAsync(contexts, "CRA");
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await StageTransitionAsync(db, accepted);
                probe.Watch(db);
                await ChangedRows.SaveAsync(db, CancellationToken.None);
                probe.AssertOneCommandWithoutTransaction();
                Assert.Equal(0, probe.Conflicts);
            }

            await using (var read = await contexts.CreateDbContextAsync())
            {
                var stored = await read.Set<OrderSagaRecord>().AsNoTracking().SingleAsync(s => s.CorrelationId == accepted.SagaId);
                Assert.Equal(("CapturingPayment", 2), (stored.CurrentState, stored.Version));
                var outbox = await read.OutboxMessages.Where(m => m.SagaId == accepted.SagaId).Select(m => m.MessageType).ToListAsync();
                Assert.Equal(["CapturePayment"], outbox); // the new row in, the carried sent row gone
            }

            var refusedKeys = await SeedAsync(contexts, "CRR");
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var saga = await StageTransitionAsync(db, refusedKeys);

                // Another hub's sweep removed the sent row first: the carried DELETE, the command's second statement after
                // the saga's UPDATE (whose own check passes), touches no row.
                await using (var other = await contexts.CreateDbContextAsync())
                {
                    Assert.Equal(1, await other.OutboxMessages.Where(m => m.MessageId == refusedKeys.SentId).ExecuteDeleteAsync());
                }

                probe.Watch(db);
                var refused = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ChangedRows.SaveAsync(db, CancellationToken.None));
                var carried = Assert.IsType<OutboxMessageRecord>(Assert.Single(refused.Entries).Entity);
                Assert.Equal(refusedKeys.SentId, carried.MessageId);
                probe.AssertOneCommandWithoutTransaction();
                Assert.True(probe.Conflicts == 1, $"The refusal reached the interceptors' ThrowingConcurrencyException {probe.Conflicts} time(s), not once as SaveChanges tells it.");
                Assert.True(probe.Failures == 0, "The refused check was reported as a failed command (EF Core logs that as an error): the reader must open on a statement that cannot fail.");
                Assert.Equal(EntityState.Modified, db.Entry(saga).State);
                Assert.Equal(1, db.Entry(saga).Property(s => s.Version).OriginalValue);
            }

            await using (var read = await contexts.CreateDbContextAsync())
            {
                var stored = await read.Set<OrderSagaRecord>().AsNoTracking().SingleAsync(s => s.CorrelationId == refusedKeys.SagaId);
                Assert.True(
                    (stored.CurrentState, stored.Version) == ("Seeded", 1),
                    $"The saga row is at {stored.CurrentState} version {stored.Version} after its command's carried DELETE was refused: the UPDATE before it stayed, so the command did not run as one transaction.");
                Assert.False(
                    await read.OutboxMessages.AnyAsync(m => m.SagaId == refusedKeys.SagaId),
                    "The refused command's new outbox row stayed: the INSERT after the refused DELETE ran or was not rolled back.");
            }

            // The command's first change refused (another writer moved the saga's version): told as a lost race, not as a
            // failed command, which EF Core logs as an error.
            var staleKeys = await SeedAsync(contexts, "CRV");
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var saga = await StageTransitionAsync(db, staleKeys);
                await using (var other = await contexts.CreateDbContextAsync())
                {
                    await other.Set<OrderSagaRecord>().Where(s => s.CorrelationId == staleKeys.SagaId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, 2));
                }

                probe.Watch(db);
                var refused = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ChangedRows.SaveAsync(db, CancellationToken.None));
                Assert.Same(saga, Assert.Single(refused.Entries).Entity);
                probe.AssertOneCommandWithoutTransaction();
                Assert.True(probe.Conflicts == 1, $"The refusal reached the interceptors' ThrowingConcurrencyException {probe.Conflicts} time(s), not once as SaveChanges tells it.");
                Assert.True(probe.Failures == 0, "The refused saga UPDATE was reported as a failed command (EF Core logs that as an error): the reader must open on a statement that cannot fail, so the refusal surfaces while the results are read.");
            }

            await using (var read = await contexts.CreateDbContextAsync())
            {
                Assert.True(
                    await read.OutboxMessages.Where(m => m.SagaId == staleKeys.SagaId).Select(m => m.MessageId).SingleAsync() == staleKeys.SentId,
                    "A refused transition wrote its outbox row or deleted the sent row it carried: its statements must roll back with the version check.");
            }
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public void What_it_does_not_write_is_left_to_SaveChanges()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        var options = new DbContextOptionsBuilder<TreeContext>().UseSqlite(connection).Options;
        using var db = new TreeContext(options);
        var parent = new Parent { Id = Guid.NewGuid(), Name = "a" };
        var child = new Child { Id = Guid.NewGuid(), ParentId = parent.Id, Note = "n" };
        db.AttachRange(parent, child);

        parent.Name = "b";
        Assert.True(ChangedRows.Collect(db) is { Count: 1 }, "ChangedRows refused a plain column change, which it writes as a versioned UPDATE.");

        db.Entry(child).State = EntityState.Deleted;
        Assert.True(ChangedRows.Collect(db) is { Count: 2 }, "ChangedRows refused the delete of a row nothing points at, which it writes as a DELETE.");

        db.Entry(child).State = EntityState.Unchanged;
        child.ParentId = Guid.NewGuid();
        Assert.True(ChangedRows.Collect(db) is null, "ChangedRows took a changed foreign key: SaveChanges orders and propagates relationships, ChangedRows must refuse it.");

        child.ParentId = parent.Id;
        db.Entry(child).State = EntityState.Unchanged;
        db.Entry(parent).State = EntityState.Deleted;
        Assert.True(ChangedRows.Collect(db) is null, "ChangedRows took the delete of a row other rows point at: cascades are SaveChanges' to apply, ChangedRows must refuse it.");
    }

    private static async Task Same_rows_either_way(TestHub hub)
    {
        var contexts = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var viaSaveChanges = await SeedAsync(contexts, "CRS");
        var viaChangedRows = await SeedAsync(contexts, "CRN");

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await StageTransitionAsync(db, viaSaveChanges);
            await db.SaveChangesAsync();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var saga = await StageTransitionAsync(db, viaChangedRows);
            Assert.True(
                ChangedRows.Collect(db) is { Count: 3 },
                "A transition's three rows (saga update, outbox insert, carried delete) were not taken by ChangedRows: the saga write would fall back to SaveChanges (see ChangedRows.Collect for what it refuses).");
            await ChangedRows.SaveAsync(db, CancellationToken.None);
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
            Assert.Equal(2, db.Entry(saga).Property(s => s.Version).OriginalValue);
        }

        await using var read = await contexts.CreateDbContextAsync();
        foreach (var (table, filter) in new[] { ("order_sagas", "\"CorrelationId\""), ("outbox_messages", "\"SagaId\"") })
        {
            var expected = await RowsAsync(read, table, filter, viaSaveChanges);
            var actual = await RowsAsync(read, table, filter, viaChangedRows);
            Assert.True(expected.Count > 0, $"SaveChanges left no row in {table}: the test's rows no longer reach that table.");
            Assert.True(
                expected.SequenceEqual(actual),
                $"{table}: ChangedRows stored\n  {string.Join("\n  ", actual)}\nwhere SaveChanges stored\n  {string.Join("\n  ", expected)}\n"
                + "Find the column that differs and make ChangedRows write it as the model maps it (modified columns, type mapping, converter), or have ChangedRows.Collect refuse that type.");
        }
    }

    // A transition that lost its version check writes none of its rows, deletes nothing it carried, and changes no entity.
    private static async Task A_stale_version_writes_nothing(TestHub hub)
    {
        var contexts = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var keys = await SeedAsync(contexts, "CRC");
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // Loaded at version 1; another writer moves the row to version 2 before this one saves.
            var saga = await StageTransitionAsync(db, keys);
            await using (var other = await contexts.CreateDbContextAsync())
            {
                await other.Set<OrderSagaRecord>().Where(s => s.CorrelationId == keys.SagaId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Version, 2));
            }

            var refused = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ChangedRows.SaveAsync(db, CancellationToken.None));
            Assert.Same(saga, Assert.Single(refused.Entries).Entity);
            Assert.Equal(EntityState.Modified, db.Entry(saga).State);
            Assert.Equal(1, db.Entry(saga).Property(s => s.Version).OriginalValue);
        }

        await using var read = await contexts.CreateDbContextAsync();
        var stored = await read.Set<OrderSagaRecord>().AsNoTracking().SingleAsync(s => s.CorrelationId == keys.SagaId);
        Assert.Equal(("Seeded", 2), (stored.CurrentState, stored.Version));
        Assert.True(
            await read.OutboxMessages.Where(m => m.SagaId == keys.SagaId).Select(m => m.MessageId).SingleAsync() == keys.SentId,
            "A refused transition wrote its outbox row or deleted the sent row it carried: its statements must roll back with the version check.");
    }

    private sealed record Keys(Guid SagaId, Guid SentId, string OrderNumber);

    // A saga row at version 1 and one outbox row of it already sent (the next write carries its removal).
    private static async Task<Keys> SeedAsync(IDbContextFactory<HubDbContext> contexts, string prefix)
    {
        var keys = new Keys(Guid.NewGuid(), Guid.NewGuid(), prefix + Random.Shared.Next(100_000, 999_999));
        var at = new DateTime(2026, 12, 2, 16, 30, 1, DateTimeKind.Utc).AddTicks(1234567);
        await using var db = await contexts.CreateDbContextAsync();
        db.Add(new OrderSagaRecord
        {
            CorrelationId = keys.SagaId, Version = 1, CurrentState = "Seeded", OrderNumber = keys.OrderNumber, OrderJson = "{\"a\":1}",
            WaitingFor = "stock", Status = "Accepted", StatusChangedAt = at, CreatedAt = at, UpdatedAt = at,
        });
        db.Add(new OutboxMessageRecord { MessageId = keys.SentId, SagaId = keys.SagaId, MessageType = "Sent", Body = "{}", CreatedAt = at });
        await db.SaveChangesAsync();
        return keys;
    }

    // What a transition stages: the loaded saga changed (a few columns, a null set, a value cleared), its version moved on,
    // one new outbox row, and the carried delete of the sent one.
    private static async Task<OrderSagaRecord> StageTransitionAsync(HubDbContext db, Keys keys)
    {
        var at = new DateTime(2026, 12, 2, 16, 31, 2, DateTimeKind.Utc).AddTicks(7654321);
        var saga = await db.Set<OrderSagaRecord>().SingleAsync(s => s.CorrelationId == keys.SagaId);
        saga.CurrentState = "CapturingPayment";
        saga.StockReserved = true;
        saga.WaitingFor = null;
        saga.StepDeadline = at;
        saga.PaymentId = "PAY-1";
        saga.Status = "InProgress";
        saga.StatusChangedAt = at;
        saga.UpdatedAt = at;
        db.Entry(saga).Property(s => s.Version).CurrentValue = 2;
        db.Add(new OutboxMessageRecord
        {
            MessageId = Guid.NewGuid(), SagaId = keys.SagaId, TrackingId = keys.SagaId, ConversationId = Guid.NewGuid(), MessageType = "CapturePayment",
            Body = "{\"amount\":12.34}", Headers = "{\"h\":\"v\"}", CreatedAt = at, Position = 1,
        });
        db.Entry(new OutboxMessageRecord { MessageId = keys.SentId }).State = EntityState.Deleted;
        return saga;
    }

    /// <summary>Every column of the rows of <paramref name="keys"/>' saga, as text, its own ids replaced by names.</summary>
    private static Task<List<string>> RowsAsync(HubDbContext db, string table, string filter, Keys keys) =>
        TableRows.ReadAsync(
            db, table, filter,
            db.Database.IsSqlite() ? keys.SagaId.ToString().ToUpperInvariant() : keys.SagaId, // EF Core's SQLite Guid: upper-case text
            (name, value, text) => name is "MessageId" or "ConversationId"
                ? (value is null ? "NULL" : "<id>")
                : text.Replace(keys.SagaId.ToString(), "<saga>", StringComparison.OrdinalIgnoreCase)
                    .Replace(keys.OrderNumber, "<order>", StringComparison.Ordinal));

    /// <summary>
    /// What one context sends from <see cref="Watch"/> on: its commands, the transactions it begins (Npgsql sends a
    /// <c>BEGIN</c> with the next command and a <c>COMMIT</c> of its own), the commands that failed, the refused version
    /// checks told to the interceptors.
    /// </summary>
    private sealed class WriteProbe : IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();
        private DbContext? _watched;
        private int _transactions;
        private int _failures;
        private int _conflicts;

        public int Failures => _failures;

        public int Conflicts => _conflicts;

        public void Watch(DbContext db)
        {
            _commands.Clear();
            _transactions = _failures = _conflicts = 0;
            _watched = db;
        }

        public void AssertOneCommandWithoutTransaction()
        {
            var command = Assert.Single(_commands);
            Assert.True(_transactions == 0, $"The write began {_transactions} transaction(s): on PostgreSQL its one command is its own transaction, with no BEGIN and COMMIT.");
            Assert.DoesNotContain("BEGIN", command, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("COMMIT", command, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("UPDATE \"?order_sagas\"? ", command); // Npgsql quotes only the names that need it
            Assert.Matches("DELETE FROM \"?outbox_messages\"? ", command);
            Assert.Matches("INSERT INTO \"?outbox_messages\"? ", command);
        }

        public ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == _watched)
            {
                _commands.Enqueue(command.CommandText);
            }

            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == _watched)
            {
                _commands.Enqueue(command.CommandText);
            }

            return ValueTask.FromResult(result);
        }

        public Task CommandFailedAsync(System.Data.Common.DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == _watched)
            {
                Interlocked.Increment(ref _failures);
            }

            return Task.CompletedTask;
        }

        public ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == _watched)
            {
                Interlocked.Increment(ref _transactions);
            }

            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
            ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context == _watched)
            {
                Interlocked.Increment(ref _conflicts);
            }

            return ValueTask.FromResult(result);
        }
    }

    private sealed class Parent
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public List<Child> Children { get; set; } = [];
    }

    private sealed class Child
    {
        public Guid Id { get; set; }
        public Guid ParentId { get; set; }
        public string Note { get; set; } = "";
    }

    private sealed class TreeContext(DbContextOptions<TreeContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Parent>().Property(p => p.Id).ValueGeneratedNever();
            modelBuilder.Entity<Child>().Property(c => c.Id).ValueGeneratedNever();
            modelBuilder.Entity<Parent>().HasMany(p => p.Children).WithOne().HasForeignKey(c => c.ParentId);
        }
    }
}
