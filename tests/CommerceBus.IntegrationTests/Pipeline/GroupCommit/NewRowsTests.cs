using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>
/// The intake's rows written without EF Core's update pipeline (<see cref="NewRows"/>, issue 21) are the rows
/// <c>SaveChanges</c> writes: the same order, lines, saga row, inbox row and journal entry, saved once each way on the
/// real database with the hub's migrated schema, read back column by column with plain SQL (every column the table has,
/// so a column the model maps differently, a converter or a type mapping that differs shows up here).
/// </summary>
public sealed class NewRowsTests
{
    [Fact]
    public async Task New_rows_are_stored_exactly_as_SaveChanges_stores_them_on_SQLite()
    {
        await using var hub = await TestHub.StartAsync();
        await Same_rows_either_way(hub);
    }

    [PostgresFact]
    public async Task New_rows_are_stored_exactly_as_SaveChanges_stores_them_on_PostgreSQL()
    {
        await TestHub.OnPostgreSqlAsync("new_rows", Same_rows_either_way);
    }

    [Fact]
    public async Task A_unit_the_database_refuses_in_a_later_row_writes_none_of_its_rows_on_SQLite()
    {
        await using var hub = await TestHub.StartAsync();
        await A_refused_row_takes_its_unit_back(hub);
    }

    [PostgresFact]
    public async Task A_unit_the_database_refuses_in_a_later_row_writes_none_of_its_rows_on_PostgreSQL()
    {
        // On PostgreSQL the unit's command is sent without BEGIN and COMMIT (ModelCommand.CommandIsTransaction): this is
        // what says the command's implicit transaction is all or nothing.
        await TestHub.OnPostgreSqlAsync("new_rows_refused", A_refused_row_takes_its_unit_back);
    }

    [Fact]
    public async Task Several_units_in_one_command_each_get_their_own_identity_keys_on_SQLite()
    {
        await using var hub = await TestHub.StartAsync();
        await Units_written_together(hub);
    }

    [PostgresFact]
    public async Task Several_units_in_one_command_each_get_their_own_identity_keys_on_PostgreSQL()
    {
        await TestHub.OnPostgreSqlAsync("new_rows_together", Units_written_together);
    }

    [Fact]
    public void A_row_pointing_at_a_principal_whose_key_the_database_generates_is_left_to_SaveChanges()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        var options = new DbContextOptionsBuilder<IdentityPrincipalContext>().UseSqlite(connection).Options;
        using var db = new IdentityPrincipalContext(options);
        db.Add(new Parent { Children = [new Child()] });
        Assert.True(NewRows.Collect(db) is null, "NewRows took a child of a parent whose identity key the database generates: the child would be inserted with the parent's temporary key. Collect must refuse it.");

        db.ChangeTracker.Clear();
        db.Add(new Parent());
        Assert.True(NewRows.Collect(db) is { Count: 1 }, "NewRows refused a lone row with an identity key, which it inserts and reads back.");
    }

    private sealed class Parent
    {
        public long Id { get; set; }
        public List<Child> Children { get; set; } = [];
    }

    private sealed class Child
    {
        public long Id { get; set; }
        public long ParentId { get; set; }
    }

    private sealed class IdentityPrincipalContext(DbContextOptions<IdentityPrincipalContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Parent>().HasMany(p => p.Children).WithOne().HasForeignKey(c => c.ParentId);
    }

    private static async Task Same_rows_either_way(TestHub hub)
    {
        var contexts = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var viaSaveChanges = new Keys("NRS" + Random.Shared.Next(100_000, 999_999), Guid.NewGuid(), Guid.NewGuid());
        var viaNewRows = new Keys("NRN" + Random.Shared.Next(100_000, 999_999), Guid.NewGuid(), Guid.NewGuid());

        await using (var db = await contexts.CreateDbContextAsync())
        {
            Stage(db, viaSaveChanges);
            await db.SaveChangesAsync();
        }

        JournalEntry journal;
        OrderLineRecord line;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            (journal, line) = Stage(db, viaNewRows);
            Assert.True(NewRows.Collect(db) is { Count: 6 }, "An accepted order's six new rows were not taken by NewRows: the intake would fall back to SaveChanges (see NewRows.Collect for what it refuses).");
            await NewRows.SaveAsync(db, CancellationToken.None);
            Assert.True(journal.Id > 0 && line.Id > 0, $"The identity keys were not read back (journal {journal.Id}, line {line.Id}).");
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
        }

        await using var read = await contexts.CreateDbContextAsync();
        foreach (var (table, filter) in new[]
        {
            ("orders", "\"OrderNumber\""),
            ("order_lines", "\"OrderNumber\""),
            ("order_sagas", "\"OrderNumber\""),
            ("inbox", "\"OrderNumber\""),
            ("journal", "\"OrderNumber\""),
        })
        {
            var expected = await RowsAsync(read, table, filter, viaSaveChanges);
            var actual = await RowsAsync(read, table, filter, viaNewRows);
            Assert.True(expected.Count > 0, $"SaveChanges wrote no row to {table}: the test's rows no longer reach that table.");
            Assert.True(
                expected.SequenceEqual(actual),
                $"{table}: NewRows stored\n  {string.Join("\n  ", actual)}\nwhere SaveChanges stored\n  {string.Join("\n  ", expected)}\n"
                + "Find the column that differs and make NewRows insert it as the model maps it (type mapping, converter, generated value), or have NewRows.Collect refuse that type.");
        }
    }

    private static async Task A_refused_row_takes_its_unit_back(TestHub hub)
    {
        var contexts = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var first = new Keys("NRA" + Random.Shared.Next(100_000, 999_999), Guid.NewGuid(), Guid.NewGuid());
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Stage(db, first);
            await NewRows.SaveAsync(db, CancellationToken.None);
        }

        // A second order whose inbox row repeats the first one's message id: the order, its lines and its saga row come
        // before that row in the command, and the database refuses only the inbox row.
        var second = new Keys("NRB" + Random.Shared.Next(100_000, 999_999), Guid.NewGuid(), first.MessageId);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Stage(db, second);
            var rows = NewRows.Collect(db);
            Assert.True(rows is { Count: 6 }, "The second order's rows were not taken by NewRows, so this test no longer reaches its command.");
            Assert.True(
                rows!.Entries[0].Metadata.GetTableName() is not ("inbox" or "journal"),
                "The repeated message id is in the command's first row: the test must refuse a later row, after rows the database took.");
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => NewRows.SaveAsync(db, CancellationToken.None));
        }

        await using var read = await contexts.CreateDbContextAsync();
        foreach (var table in new[] { "orders", "order_lines", "order_sagas", "journal" })
        {
            var left = await TableRows.ReadAsync(read, table, "\"OrderNumber\"", second.OrderNumber, (_, _, text) => text);
            Assert.True(
                left.Count == 0,
                $"{table} kept {left.Count} rows of a unit of work the database refused: the unit's command is not one transaction. "
                + "On PostgreSQL see ModelCommand.CommandIsTransaction (a command sent without BEGIN must be one implicit transaction); on SQLite, ModelCommand.InTransactionAsync.");
        }
    }

    private static async Task Units_written_together(TestHub hub)
    {
        var contexts = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var keys = Enumerable.Range(0, 3).Select(i => new Keys($"NRT{i}" + Random.Shared.Next(100_000, 999_999), Guid.NewGuid(), Guid.NewGuid())).ToList();
        var units = new List<HubDbContext>();
        try
        {
            var staged = new List<(JournalEntry Journal, OrderLineRecord Line)>();
            var rows = new List<NewRows>();
            foreach (var key in keys)
            {
                var db = await contexts.CreateDbContextAsync();
                units.Add(db);
                staged.Add(Stage(db, key));
                rows.Add(NewRows.Collect(db) ?? throw new InvalidOperationException("An accepted order's rows were not taken by NewRows."));
            }

            await using (var shared = await contexts.CreateDbContextAsync())
            {
                await using var transaction = await shared.Database.BeginTransactionAsync();
                await NewRows.WriteAllAsync(shared, rows, CancellationToken.None);
                await transaction.CommitAsync();
            }

            for (var i = 0; i < units.Count; i++)
            {
                rows[i].Accept(units[i]);
            }

            var journalIds = staged.Select(s => s.Journal.Id).ToList();
            var lineIds = staged.Select(s => s.Line.Id).ToList();
            Assert.True(
                journalIds.All(id => id > 0) && journalIds.Distinct().Count() == 3 && lineIds.All(id => id > 0) && lineIds.Distinct().Count() == 3,
                $"Each unit's identity keys must be its own: journal ids {string.Join(", ", journalIds)}, line ids {string.Join(", ", lineIds)}. "
                + "NewRows.WriteAllAsync reads the RETURNING result sets of the units in the command's order.");

            await using var read = await contexts.CreateDbContextAsync();
            for (var i = 0; i < keys.Count; i++)
            {
                var stored = await read.Set<JournalEntry>().AsNoTracking().SingleAsync(j => j.OrderNumber == keys[i].OrderNumber);
                Assert.Equal(stored.Id, journalIds[i]);
                var line = await read.Set<OrderLineRecord>().AsNoTracking().SingleAsync(l => l.OrderNumber == keys[i].OrderNumber && l.LineNumber == 1);
                Assert.Equal(line.Id, lineIds[i]);
            }
        }
        finally
        {
            foreach (var db in units)
            {
                await db.DisposeAsync();
            }
        }
    }

    private sealed record Keys(string OrderNumber, Guid TrackingId, Guid MessageId);

    private static (JournalEntry Journal, OrderLineRecord Line) Stage(HubDbContext db, Keys keys)
    {
        var at = new DateTime(2026, 12, 2, 13, 45, 6, DateTimeKind.Utc).AddTicks(1234567);
        var line = new OrderLineRecord { OrderNumber = keys.OrderNumber, LineNumber = 1, Sku = "SKU-1", Quantity = 3, UnitPrice = 12.34m };
        db.Add(new OrderRecord
        {
            OrderNumber = keys.OrderNumber,
            TrackingId = keys.TrackingId,
            CustomerId = "C-1",
            Currency = "EUR",
            Region = "EU",
            ShipToName = "Ann Example",
            ShipToStreet = "Street 1",
            ShipToCity = "Town",
            ShipToPostalCode = "12345",
            ShipToCountry = "DE",
            Total = 1234.56m,
            Lines = [line, new OrderLineRecord { OrderNumber = keys.OrderNumber, LineNumber = 2, Sku = "SKU-2", Quantity = 1, UnitPrice = 0.99m }],
            SourceAdapter = "tests",
            CorrelationId = "corr-1",
            CreatedAt = at,
            Saga = new OrderSagaRecord
            {
                CorrelationId = keys.TrackingId,
                Version = 1,
                CurrentState = "NotStarted",
                OrderNumber = keys.OrderNumber,
                OrderJson = "{\"a\":1}",
                Status = "Accepted",
                StatusChangedAt = at,
                CreatedAt = at,
                UpdatedAt = at.AddSeconds(1),
                NextRedriveAt = new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(7654321),
            },
        });
        db.Add(new InboxEntry { MessageId = keys.MessageId, MessageType = "PlaceOrder.v1", OrderNumber = keys.OrderNumber, TrackingId = keys.TrackingId, AcceptedAt = at });
        var journal = new JournalEntry
        {
            MessageId = keys.MessageId,
            CorrelationId = "corr-1",
            SourceAdapter = "tests",
            MessageType = "PlaceOrder.v1",
            Direction = JournalDirection.Inbound,
            OrderNumber = keys.OrderNumber,
            TrackingId = keys.TrackingId,
            Route = "order-intake",
            Destination = "order-fulfillment",
            Outcome = JournalOutcomes.Accepted,
            Detail = "accepted",
            ReceivedAt = at,
            CompletedAt = at.AddMilliseconds(3),
            DurationMs = 3.25,
            TraceId = null,
        };
        JournalWriter.Stage(db, journal);
        return (journal, line);
    }

    /// <summary>Every column of the rows of <paramref name="keys"/>'s order, as text, the order's own keys replaced by a name.</summary>
    private static Task<List<string>> RowsAsync(HubDbContext db, string table, string filter, Keys keys) =>
        TableRows.ReadAsync(db, table, filter, keys.OrderNumber, (name, _, text) => name == "Id"
            ? "<identity>"
            : text.Replace(keys.OrderNumber, "<order>", StringComparison.Ordinal)
                .Replace(keys.TrackingId.ToString(), "<tracking>", StringComparison.OrdinalIgnoreCase)
                .Replace(keys.MessageId.ToString(), "<message>", StringComparison.OrdinalIgnoreCase));
}
