using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// The migration <c>OrderStateOnTheSagaRow</c> on a database holding orders in several states, written as the schema
/// before it kept them (state on both <c>orders</c> and <c>order_sagas</c>, an accepted order with no saga yet): every
/// order keeps its state on its saga row, stepping back restores the old rows, and a hub on the upgraded database
/// answers as before and finishes what was unfinished.
/// </summary>
public sealed class OrderStateUpgradeTests
{
    private const string Before = "20261201180000_FailureKindsRedriveClockAndIndexes";

    [Fact]
    public async Task A_SQLite_database_keeps_every_order_state_when_it_moves_to_the_saga_row()
    {
        await using var storage = HubStorage.Sqlite();
        await UpgradeAsync(storage);
    }

    [PostgresFact]
    public async Task A_PostgreSQL_database_keeps_every_order_state_when_it_moves_to_the_saga_row()
    {
        await using var storage = await HubStorage.PostgreSqlAsync("orderstate");
        await UpgradeAsync(storage);
    }

    private static async Task UpgradeAsync(HubStorage storage)
    {
        var old = new OldSchemaRows(storage.IsPostgreSql);
        var completed = old.Order("Completed", "Completed", shipment: "SHP-100");
        var failed = old.Order("Failed", "Failed", reason: "payment declined");
        var cancelled = old.Order("Cancelled", "Cancelled", reason: "changed my mind", cancelReason: "changed my mind");
        var waiting = old.Order("StockReserved", "CapturingPayment", cancelReason: "cancelled before the upgrade");
        var unstarted = old.Order("Accepted", state: null);

        await MigrateAsync(storage, Before);
        await storage.ExecuteAsync(old.Script());
        await MigrateAsync(storage, null);

        await using (var db = await storage.Contexts().CreateDbContextAsync())
        {
            var sagas = await db.OrderSagas.AsNoTracking().ToDictionaryAsync(s => s.OrderNumber);
            Assert.Equal(5, await db.Orders.CountAsync(o => o.Saga != null));
            Assert.Equal(10, await db.OrderLines.CountAsync());
            Assert.Equal(("Completed", "SHP-100"), (sagas[completed].Status, sagas[completed].ShipmentTrackingNumber));
            Assert.Equal(("Failed", "payment declined"), (sagas[failed].Status, sagas[failed].Reason));
            Assert.Equal(("Cancelled", "changed my mind"), (sagas[cancelled].Status, sagas[cancelled].Reason));
            Assert.Equal(("StockReserved", OrderFulfillmentStates.CapturingPayment), (sagas[waiting].Status, sagas[waiting].CurrentState));
            Assert.NotNull(sagas[waiting].CancelRequestedAt);
            Assert.Equal("cancelled before the upgrade", sagas[waiting].CancelReason);
            // StepDeadlinesOnSagaRow: the waiting saga's deadline is the deadline sweep's to fire; nothing else has one.
            Assert.NotNull(sagas[waiting].StepDeadline);
            Assert.Equal(sagas[waiting].StepDeadline, sagas[waiting].StepTimeoutDueAt);
            Assert.All(sagas.Values.Where(s => s.WaitingFor is null), s => Assert.Null(s.StepTimeoutDueAt));
            Assert.Equal(("Accepted", OrderFulfillmentStates.NotStarted), (sagas[unstarted].Status, sagas[unstarted].CurrentState));
            Assert.Equal(old.CommandJson(unstarted), sagas[unstarted].OrderJson);
            Assert.All(sagas.Values, s => Assert.Equal(OldSchemaRows.UpdatedAt, s.StatusChangedAt));
        }

        // Stepping back puts the state on the order rows again, and the saga that had not started is gone.
        await MigrateAsync(storage, Before);
        Assert.Equal(
            new[] { $"{cancelled}|Cancelled|changed my mind", $"{completed}|Completed|", $"{failed}|Failed|payment declined", $"{unstarted}|Accepted|", $"{waiting}|StockReserved|" }.Order(StringComparer.Ordinal),
            (await storage.QueryAsync("""SELECT "OrderNumber" || '|' || "Status" || '|' || COALESCE("Reason", '') FROM orders""")).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["cancelled before the upgrade", "changed my mind"],
            (await storage.QueryAsync("""SELECT "CancelReason" FROM orders WHERE "CancelRequestedAt" IS NOT NULL""")).Order(StringComparer.Ordinal));
        Assert.Equal(["SHP-100"], await storage.QueryAsync("""SELECT "ShipmentTrackingNumber" FROM orders WHERE "ShipmentTrackingNumber" IS NOT NULL"""));
        Assert.Equal([old.CommandJson(unstarted)], await storage.QueryAsync($"""SELECT "CommandJson" FROM orders WHERE "OrderNumber" = '{unstarted}'"""));
        Assert.Equal("4", Assert.Single(await storage.QueryAsync("SELECT COUNT(*) FROM order_sagas")));

        // A hub of this release upgrades the database again at start and answers for every order as before.
        await using var hub = await TestHub.StartAsync(storage.Settings(), dataDirectory: storage.DataDirectory);
        var done = await hub.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{completed}");
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(old.TrackingId(completed), done.GetProperty("trackingId").GetGuid());
        var refused = await hub.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{failed}");
        Assert.Equal(("Failed", "payment declined"), (refused.GetProperty("status").GetString(), refused.GetProperty("reason").GetString()));
        var odata = await hub.Http.GetFromJsonAsync<JsonElement>($"/odata/Orders?$filter=OrderNumber eq '{completed}'&$expand=Lines");
        var row = Assert.Single(odata.GetProperty("value").EnumerateArray());
        Assert.Equal("SHP-100", row.GetProperty("ShipmentTrackingNumber").GetString());
        Assert.Equal(2, row.GetProperty("Lines").GetArrayLength());

        // What was unfinished finishes: the order no saga had taken completes, the cancel requested before is carried out.
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(unstarted, "Completed", "Failed", "Cancelled"))!.Status);
        var cancelledNow = await hub.WaitForStatusAsync(waiting, "Completed", "Failed", "Cancelled");
        Assert.Equal(("Cancelled", "cancelled before the upgrade"), (cancelledNow!.Status, cancelledNow.Reason));
    }

    private static async Task MigrateAsync(HubStorage storage, string? target)
    {
        await using var db = await storage.Contexts().CreateDbContextAsync();
        await db.Database.GetService<IMigrator>().MigrateAsync(target);
    }

    /// <summary>Orders and sagas as the schema before <c>OrderStateOnTheSagaRow</c> held them, as SQL.</summary>
    private sealed class OldSchemaRows(bool postgreSql)
    {
        public static readonly DateTime UpdatedAt = new(2026, 3, 1, 10, 30, 0, DateTimeKind.Utc);

        private readonly List<string> _statements = [];
        private readonly Dictionary<string, (Guid TrackingId, string Json)> _orders = [];

        public Guid TrackingId(string orderNumber) => _orders[orderNumber].TrackingId;

        public string CommandJson(string orderNumber) => _orders[orderNumber].Json;

        public string Script() => string.Join(Environment.NewLine, _statements);

        /// <summary>An order row (two lines) and, unless <paramref name="state"/> is null, its saga row.</summary>
        public string Order(string status, string? state, string? reason = null, string? shipment = null, string? cancelReason = null)
        {
            var command = Orders.Valid();
            var number = command.OrderNumber!;
            var trackingId = Guid.NewGuid();
            var json = CanonicalJson.Serialize(command);
            _orders[number] = (trackingId, json);
            var cancelAt = cancelReason is null ? "NULL" : Time(UpdatedAt.AddMinutes(-5));
            _statements.Add($"""
                INSERT INTO orders ("OrderNumber", "TrackingId", "CustomerId", "Currency", "Region", "ShipToName", "ShipToStreet", "ShipToCity",
                    "ShipToPostalCode", "ShipToCountry", "Total", "Status", "Reason", "ShipmentTrackingNumber", "CancelRequestedAt", "CancelReason",
                    "SourceAdapter", "CorrelationId", "CreatedAt", "UpdatedAt", "CommandJson")
                VALUES ('{number}', {Id(trackingId)}, '{command.CustomerId}', '{command.Currency}', '{command.Region}', 'Ada', '1 Way', 'London',
                    'NW1', 'GB', {command.Total().ToString(System.Globalization.CultureInfo.InvariantCulture)}, '{status}', {Text(reason)}, {Text(shipment)}, {cancelAt}, {Text(cancelReason)},
                    'rest', 'corr-{number}', {Time(UpdatedAt.AddHours(-1))}, {Time(UpdatedAt)}, '{json.Replace("'", "''", StringComparison.Ordinal)}');
                INSERT INTO order_lines ("OrderNumber", "LineNumber", "Sku", "Quantity", "UnitPrice") VALUES ('{number}', 1, 'BOOK-001', 1, 10);
                INSERT INTO order_lines ("OrderNumber", "LineNumber", "Sku", "Quantity", "UnitPrice") VALUES ('{number}', 2, 'PEN-777', 2, 3.5);
                """);
            if (state is not null)
            {
                // The saga of a waiting order has reserved stock and waits on the payment; it has seen the cancel.
                var waits = state == OrderFulfillmentStates.CapturingPayment;
                _statements.Add($"""
                    INSERT INTO order_sagas ("CorrelationId", "Version", "CurrentState", "OrderNumber", "OrderJson", "WaitingFor", "StepDeadline",
                        "StockReserved", "StockReleased", "PaymentRefunded", "BookingCancelled", "CancelRequested", "CancelReason", "Reason",
                        "ShipmentTrackingNumber", "PaymentId", "RedriveCount", "NextRedriveAt", "CreatedAt", "UpdatedAt")
                    VALUES ({Id(trackingId)}, 3, '{state}', '{number}', '{json.Replace("'", "''", StringComparison.Ordinal)}', {Text(waits ? "CapturePayment" : null)},
                        {(waits ? Time(UpdatedAt.AddYears(1)) : "NULL")}, {Bool(waits || state == "Completed")}, {Bool(false)}, {Bool(false)}, {Bool(false)},
                        {Bool(cancelReason is not null)}, {Text(cancelReason)}, {Text(reason)}, {Text(shipment)}, {Text(state == "Completed" ? "PAY-1" : null)}, 0,
                        {(waits ? Time(UpdatedAt) : "NULL")}, {Time(UpdatedAt.AddHours(-1))}, {Time(UpdatedAt)});
                    """);
            }

            return number;
        }

        private string Id(Guid id) => postgreSql ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";

        private string Time(DateTime at) => postgreSql ? $"'{at:yyyy-MM-dd HH:mm:ss}+00'" : $"'{at:yyyy-MM-dd HH:mm:ss}'";

        private string Bool(bool value) => postgreSql ? (value ? "true" : "false") : (value ? "1" : "0");

        private static string Text(string? value) => value is null ? "NULL" : $"'{value}'";
    }
}
