using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// Step timeouts through the real deadline sweep (the deadline on the saga row, fired by <see cref="CommerceBus.Fulfillment.Saga.StepDeadlineSweeper"/>):
/// payments is held at a gate that is never opened, so the step provably never answers; the timeout is one second, and
/// the test polls with a deadline.
/// </summary>
/// <remarks>
/// A tiny configured timeout rather than a fake clock driving the sweep: what fires the timeout is then the same
/// sweep, claim and bus path as in production. The fake clock is used where a deadline must pass while the hub is
/// down: the restarted hub runs on a clock two hours later.
/// </remarks>
public sealed class StepTimeoutTests
{
    [Fact]
    public async Task Payment_that_never_answers_fails_the_order_after_its_timeout_and_releases_the_stock()
    {
        var gate = new PaymentsGate();
        await using var hub = await StartGatedAsync(gate, TimeSpan.FromSeconds(1));
        var order = Orders.Valid();
        var trackingId = await PlaceAsync(hub, order);

        var status = await hub.WaitForStatusAsync(order.OrderNumber!, "Failed", "Completed", "Cancelled");

        Assert.Equal("Failed", status!.Status);
        Assert.Equal("timed out waiting for CapturePayment", status.Reason);
        await Eventually.MatchAsync(() => Task.FromResult(hub.Demo.Inventory.Released.ContainsKey(trackingId)), x => x, "the stock to be released");
        var saga = await hub.WaitForSagaAsync(order.OrderNumber!, s => s.StockReleased, "stock release confirmed");
        Assert.Equal("Failed", saga!.CurrentState);
        Assert.Null(saga.WaitingFor);
        Assert.False(hub.Demo.ErpEu.Bookings.ContainsKey(order.OrderNumber!), "an order that timed out is never booked");
    }

    [Fact]
    public async Task Payment_captured_after_the_timeout_is_refunded()
    {
        var gate = new PaymentsGate();
        await using var hub = await StartGatedAsync(gate, TimeSpan.FromSeconds(1));
        var order = Orders.Valid();
        var trackingId = await PlaceAsync(hub, order);
        await hub.WaitForStatusAsync(order.OrderNumber!, "Failed");

        // The held capture goes through now, after the saga gave up on it; the saga must undo it.
        gate.Open();

        await Eventually.MatchAsync(() => Task.FromResult(hub.Demo.Payments.Refunded.Keys.Count(k => k.Contains(trackingId.ToString("N")[..16], StringComparison.Ordinal))), n => n == 1, "the late capture to be refunded");
        var saga = await hub.WaitForSagaAsync(order.OrderNumber!, s => s.PaymentRefunded, "refund confirmed");
        Assert.Equal("Failed", saga!.CurrentState);
        Assert.Equal("Failed", (await hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Step_that_answers_in_time_cancels_its_timeout_and_the_order_completes()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:Sagas:OrderFulfillment:StepTimeout"] = "00:00:20" });
        var order = Orders.Valid();
        await PlaceAsync(hub, order);

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        var saga = await hub.SagaAsync(order.OrderNumber!);
        Assert.Equal("Completed", saga!.CurrentState);
        Assert.Null(saga.StepDeadline);
        Assert.Null(saga.StepTimeoutDueAt);
        Assert.Equal(0, StepDeadlineSweepTests.SweeperOf(hub).Fired);
    }

    [Fact]
    public async Task Deadline_that_passed_while_the_hub_was_down_fires_at_once_after_the_restart()
    {
        var order = Orders.Valid();
        string data;
        await using (var first = await StartGatedAsync(new PaymentsGate(), TimeSpan.FromHours(1)))
        {
            await PlaceAsync(first, order);
            var waiting = await first.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "waiting for payment");
            Assert.InRange(waiting!.StepDeadline!.Value, DateTime.UtcNow.AddMinutes(59), DateTime.UtcNow.AddMinutes(61));
            data = first.DataDirectory;
        }

        // Two hours later by the hub's clock: the one-hour deadline is long past, and payments still does not answer.
        await using var second = await TestHub.StartAsync(
            GatedSettings(TimeSpan.FromHours(1)),
            configureServices: services =>
            {
                services.AddSingleton<TimeProvider>(new ShiftedClock(TimeSpan.FromHours(2)));
                services.AddSingleton(new PaymentsGate());
                services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
            },
            dataDirectory: data);

        var status = await second.WaitForStatusAsync(order.OrderNumber!, "Failed", "Completed");
        Assert.Equal("Failed", status!.Status);
        Assert.Equal("timed out waiting for CapturePayment", status.Reason);
        await second.WaitForSagaAsync(order.OrderNumber!, s => s.StockReleased, "the stock release confirmed");
        Assert.True(StepDeadlineSweepTests.SweeperOf(second).Fired >= 1, "the restarted hub's deadline sweep fired the timeout that came due while it was down");
    }

    internal static Dictionary<string, string?> GatedSettings(TimeSpan paymentTimeout) => new(PaymentsGate.Settings)
    {
        ["CommerceBus:Sagas:OrderFulfillment:StepTimeouts:CapturePayment"] = paymentTimeout.ToString("c"),
    };

    internal static Task<TestHub> StartGatedAsync(PaymentsGate gate, TimeSpan paymentTimeout) =>
        TestHub.StartAsync(GatedSettings(paymentTimeout), configureServices: services =>
        {
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        });

    internal static async Task<Guid> PlaceAsync(TestHub hub, Contracts.Orders.PlaceOrder order)
    {
        using var response = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingId").GetGuid();
    }
}
