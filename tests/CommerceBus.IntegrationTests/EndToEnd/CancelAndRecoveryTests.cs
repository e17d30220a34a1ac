using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.EndToEnd;

/// <summary>
/// Cancelling while an order is between steps, and a hub stopped while an order is in flight: payments are held at a
/// gate so the order is provably mid-flow when the test acts.
/// </summary>
public sealed class CancelAndRecoveryTests
{
    [Fact]
    public async Task Cancel_before_shipping_compensates_and_ends_the_order_Cancelled()
    {
        var gate = new PaymentsGate();
        await using var hub = await StartGatedAsync(gate);
        var order = Orders.Valid();
        var trackingId = await PlaceAsync(hub, order);
        await hub.WaitForStatusAsync(order.OrderNumber!, "StockReserved");

        using var cancel = await hub.Http.PostAsJsonAsync($"/api/orders/{order.OrderNumber}/cancel", new { reason = "customer changed mind" });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        gate.Open();

        var status = await hub.WaitForStatusAsync(order.OrderNumber!, "Cancelled", "Completed", "Failed");
        Assert.Equal("Cancelled", status!.Status);
        Assert.Equal("customer changed mind", status.Reason);
        await Eventually.MatchAsync(() => Task.FromResult(hub.Demo.Payments.Refunded.Keys.Count(k => k.Contains(trackingId.ToString("N")[..16], StringComparison.Ordinal))), n => n == 1, "the captured payment to be refunded");
        await Eventually.MatchAsync(() => Task.FromResult(hub.Demo.Inventory.Released.ContainsKey(trackingId)), x => x, "the stock to be released");
        Assert.False(hub.Demo.ErpEu.Bookings.ContainsKey(order.OrderNumber!), "a cancelled order is never booked");
    }

    [Fact]
    public async Task Second_cancel_gets_the_same_answer_and_cancel_of_a_finished_order_is_a_conflict()
    {
        var gate = new PaymentsGate();
        await using var hub = await StartGatedAsync(gate);
        var order = Orders.Valid();
        await PlaceAsync(hub, order);
        await hub.WaitForStatusAsync(order.OrderNumber!, "StockReserved");

        using var first = await hub.Http.PostAsJsonAsync($"/api/orders/{order.OrderNumber}/cancel", new { reason = "r" });
        using var second = await hub.Http.PostAsJsonAsync($"/api/orders/{order.OrderNumber}/cancel", new { reason = "r" });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);

        gate.Open();
        await hub.WaitForStatusAsync(order.OrderNumber!, "Cancelled");
        using var late = await hub.Http.PostAsJsonAsync($"/api/orders/{order.OrderNumber}/cancel", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);

        var done = Orders.Valid();
        await PlaceAsync(hub, done);
        await hub.WaitForStatusAsync(done.OrderNumber!, "Completed");
        using var conflict = await hub.Http.PostAsJsonAsync($"/api/orders/{done.OrderNumber}/cancel", new { reason = "too late" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Completed", await conflict.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Order_accepted_before_a_stop_is_completed_by_the_next_start()
    {
        var gate = new PaymentsGate();
        var order = Orders.Valid();
        Guid trackingId;
        string data;
        await using (var first = await StartGatedAsync(gate))
        {
            trackingId = await PlaceAsync(first, order);
            await first.WaitForStatusAsync(order.OrderNumber!, "StockReserved");
            data = first.DataDirectory;
        }

        // The payment never went through before the stop; the next hub, on the same database, must finish the order.
        await using var second = await TestHub.StartAsync(dataDirectory: data);

        var status = await second.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal("Completed", status!.Status);
        Assert.Equal(trackingId, status.TrackingId);
        Assert.Equal(1, second.Demo.Payments.CaptureCount);
    }

    private static Task<TestHub> StartGatedAsync(PaymentsGate gate) =>
        TestHub.StartAsync(PaymentsGate.Settings, configureServices: services =>
        {
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        });

    private static async Task<Guid> PlaceAsync(TestHub hub, Contracts.Orders.PlaceOrder order)
    {
        using var response = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingId").GetGuid();
    }
}
