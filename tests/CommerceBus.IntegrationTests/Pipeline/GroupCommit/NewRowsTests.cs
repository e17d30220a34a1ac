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
        var connectionString = await PostgresServer.CreateDatabaseAsync("new_rows");
        try
        {
            await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = connectionString });
            await Same_rows_either_way(hub);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
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
