using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// Orders from a terminal whose shipment is booked with the demo legacy shipping system, a real TCP server reached
/// through the <c>tcp</c> connector (contracts/demo/legacy-shipping.md).
/// </summary>
public sealed class ShippingOverTcpTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Order_is_shipped_by_the_TCP_shipping_system_and_completes()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var order = Orders.Valid();

        var trackingId = TerminalRecords.TrackingIdOf(await terminal.AskAsync(TerminalRecords.Ord(order)));

        Assert.Equal("Completed", (await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Matches("^SHP[0-9]{9}$", Hub.Demo.Shipping.Shipments[order.OrderNumber!]);
        var delivery = Assert.Single(await Hub.JournalAsync(q => q.Where(e => e.TrackingId == trackingId && e.Destination == "shipping")));
        Assert.Equal(JournalOutcomes.Delivered, delivery.Outcome);
        Assert.Contains("BKD", delivery.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postal_code_00000_is_refused_over_TCP_and_the_order_fails_with_every_step_compensated()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var valid = Orders.Valid();
        var order = valid with { ShipTo = valid.ShipTo! with { PostalCode = "00000" } };

        var trackingId = TerminalRecords.TrackingIdOf(await terminal.AskAsync(TerminalRecords.Ord(order)));

        var failed = await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal(nameof(OrderStatus.Failed), failed!.Status);
        Assert.Contains("postal code 00000", failed.Reason, StringComparison.Ordinal);
        Assert.Equal("Failed", TerminalRecords.StatusOf(await terminal.AskAsync(TerminalRecords.Sta(order.OrderNumber!))));
        Assert.False(Hub.Demo.Shipping.Shipments.ContainsKey(order.OrderNumber!));

        // Compensation: the refund, the stock and the ERP booking are undone.
        var paymentId = $"PAY-{trackingId:N}"[..20];
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Payments.Refunded.ContainsKey(paymentId)), x => x, "the payment to be refunded");
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Inventory.Released.ContainsKey(trackingId)), x => x, "the stock to be released");
        var bookingId = Hub.Demo.ErpEu.Bookings[order.OrderNumber!];
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.ErpEu.Cancelled.ContainsKey(bookingId)), x => x, "the ERP booking to be cancelled");
        var refusal = Assert.Single(await Hub.JournalAsync(q => q.Where(e => e.TrackingId == trackingId && e.Destination == "shipping")));
        Assert.Contains("BKR", refusal.Detail, StringComparison.Ordinal);
    }
}
