using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// A hub process killed with SIGKILL while an order waits on a step (the step's endpoint holds deliveries while a
/// file exists; the demo connector serves it for the test), then started again on the same database: the order
/// completes, each step delivered once.
/// </summary>
public sealed class HubCrashTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Theory]
    [InlineData("payments", "StockReserved")]
    [InlineData("erp-eu", "PaymentCaptured")]
    [InlineData("shipping", "Booked")]
    public Task Sqlite_hub_killed_mid_saga_completes_the_order_after_restart(string heldEndpoint, string heldAt) =>
        CrashAndRestartAsync(heldEndpoint, heldAt, data => new Dictionary<string, string>
        {
            ["CommerceBus:Storage:SqlitePath"] = Path.Combine(data, "commercebus.db"),
        }, data => new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(data, "commercebus.db")}").UseHubModelWithOrders().Options);

    [PostgresFact]
    public Task PostgreSql_hub_killed_mid_saga_completes_the_order_after_restart() =>
        CrashAndRestartAsync("payments", "StockReserved", _ => new Dictionary<string, string>
        {
            ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString,
        }, _ => new DbContextOptionsBuilder<HubDbContext>().UseNpgsql(database.ConnectionString).UseHubModelWithOrders().Options);

    private static readonly Dictionary<string, string> HeldSteps = new()
    {
        ["payments"] = "CapturePayment",
        ["erp-eu"] = "BookOrder",
        ["shipping"] = "BookShipment",
    };

    internal static async Task CrashAndRestartAsync(
        string heldEndpoint,
        string heldAt,
        Func<string, Dictionary<string, string>> storage,
        Func<string, DbContextOptions<HubDbContext>> readBack,
        bool brokerKeepsHeldCommand = false)
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var hold = Path.Combine(data, "hold");
        await File.WriteAllTextAsync(hold, "held");
        var settings = storage(data);

        // The held endpoint is served by the in-process demo connector, whatever protocol it normally uses.
        settings[$"CommerceBus:Endpoints:{heldEndpoint}:Connector"] = "demo";
        settings[$"CommerceBus:Endpoints:{heldEndpoint}:Target"] = heldEndpoint;
        settings[$"CommerceBus:Endpoints:{heldEndpoint}:HoldWhileFileExists"] = hold;
        var order = Orders.Valid();
        var waitingFor = HeldSteps[heldEndpoint];

        using (var first = await HubProcess.StartAsync(data, settings))
        {
            using var placed = await first.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            await StatusAsync(first, order.OrderNumber!, heldAt);

            // The read model moves inside the saga's step and the saga row is committed just after it: kill only once
            // the stored saga waits on the held step, or recovery rightly re-sends the step before it (idempotently).
            // And only once the step's outbox row is gone (sent to the bus, so held by the endpoint): killed between the
            // commit and that row's removal, the restarted hub's outbox sweep sends the step and recovery's resume sends
            // it again, two deliveries with one idempotency key (SagaOutboxTests covers that window), not what this counts.
            await Eventually.MatchAsync(
                async () =>
                {
                    await using var db = new HubDbContext(readBack(data));
                    var saga = await db.OrderSagas.AsNoTracking().Where(s => s.OrderNumber == order.OrderNumber)
                        .Select(s => new { s.CorrelationId, s.WaitingFor }).SingleOrDefaultAsync();
                    var unsent = saga is null ? 0 : await db.OutboxMessages.AsNoTracking().CountAsync(m => m.SagaId == saga.CorrelationId);
                    return (saga?.WaitingFor, unsent);
                },
                w => w.WaitingFor == waitingFor && w.unsent == 0,
                $"the stored saga of {order.OrderNumber} to wait on {waitingFor} with its outbox sent");
            first.Crash();
        }

        File.Delete(hold);
        using var second = await HubProcess.StartAsync(data, settings);
        Assert.Equal("Completed", await StatusAsync(second, order.OrderNumber!, "Completed", "Failed", "Cancelled"));

        // The read model is projected inside the saga's step and the saga row is written just after it.
        await using var db = new HubDbContext(readBack(data));
        var saga = await Eventually.MatchAsync(
            () => db.OrderSagas.AsNoTracking().SingleAsync(s => s.OrderNumber == order.OrderNumber),
            s => s.CurrentState == "Completed",
            $"the stored saga of {order.OrderNumber} to be Completed");
        var delivered = await db.Journal.AsNoTracking()
            .Where(e => e.OrderNumber == order.OrderNumber && e.Direction == JournalDirection.Outbound && e.Outcome == JournalOutcomes.Delivered)
            .ToListAsync();
        foreach (var step in new[] { "CapturePayment", "BookOrder", "BookShipment" })
        {
            var deliveries = delivered.Where(e => e.MessageType.StartsWith(step, StringComparison.Ordinal)).ToList();
            if (brokerKeepsHeldCommand)
            {
                // The broker hands what the killed process had not acknowledged to the new one, and recovery re-sends the
                // step too: every delivery carries the step's one idempotency key (tracking id and type), so the endpoint
                // applies it once and answers a repeat with its first answer (the same payment, booking or shipment).
                Assert.NotEmpty(deliveries);
                Assert.All(deliveries, e => Assert.Equal(saga.CorrelationId, e.TrackingId));
                Assert.Single(deliveries.Select(e => e.Detail).Distinct());
            }
            else
            {
                Assert.Single(deliveries);
            }
        }

        var completed = await db.Journal.AsNoTracking().CountAsync(e => e.OrderNumber == order.OrderNumber && e.Detail == "order Completed");
        Assert.Equal(1, completed);
    }

    private static async Task<string> StatusAsync(HubProcess hub, string orderNumber, params string[] statuses)
    {
        var status = await Eventually.MatchAsync(
            async () =>
            {
                using var response = await hub.Http.GetAsync($"/api/orders/{orderNumber}");
                return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null;
            },
            s => s is not null && statuses.Contains(s),
            $"order {orderNumber} to be {string.Join(" or ", statuses)} (log: {hub.Log})",
            TimeSpan.FromSeconds(90));
        return status!;
    }
}
