using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Persistence;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

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
        }, data => new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(data, "commercebus.db")}").Options);

    [PostgresFact]
    public Task PostgreSql_hub_killed_mid_saga_completes_the_order_after_restart() =>
        CrashAndRestartAsync("payments", "StockReserved", _ => new Dictionary<string, string>
        {
            ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString,
        }, _ => new DbContextOptionsBuilder<HubDbContext>().UseNpgsql(database.ConnectionString).Options);

    private static async Task CrashAndRestartAsync(
        string heldEndpoint,
        string heldAt,
        Func<string, Dictionary<string, string>> storage,
        Func<string, DbContextOptions<HubDbContext>> readBack)
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

        using (var first = await HubProcess.StartAsync(data, settings))
        {
            using var placed = await first.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            await StatusAsync(first, order.OrderNumber!, heldAt);
            first.Crash();
        }

        File.Delete(hold);
        using var second = await HubProcess.StartAsync(data, settings);
        Assert.Equal("Completed", await StatusAsync(second, order.OrderNumber!, "Completed", "Failed", "Cancelled"));

        await using var db = new HubDbContext(readBack(data));
        var saga = await db.OrderSagas.AsNoTracking().SingleAsync(s => s.OrderNumber == order.OrderNumber);
        Assert.Equal("Completed", saga.CurrentState);
        var delivered = await db.Journal.AsNoTracking()
            .Where(e => e.OrderNumber == order.OrderNumber && e.Direction == JournalDirection.Outbound && e.Outcome == JournalOutcomes.Delivered)
            .Select(e => e.MessageType)
            .ToListAsync();
        foreach (var step in new[] { "CapturePayment", "BookOrder", "BookShipment" })
        {
            Assert.Single(delivered, t => t.StartsWith(step, StringComparison.Ordinal));
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
            $"order {orderNumber} to be {string.Join(" or ", statuses)} (log: {hub.Log})");
        return status!;
    }
}
