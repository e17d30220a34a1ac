using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.EndToEnd;

/// <summary>
/// Orders placed over HTTP against the real host and its demo endpoints: every outcome of the demo contract, with the
/// compensations each failure owes.
/// </summary>
public sealed class OrderFlowTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Example_order_from_the_contract_is_accepted_and_completes()
    {
        var json = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Assets", "place-order.json")))
            .Replace("A-1001", Orders.NewNumber("E"), StringComparison.Ordinal);
        var number = JsonDocument.Parse(json).RootElement.GetProperty("orderNumber").GetString()!;

        using var response = await Hub.Http.PostAsync("/api/orders", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/orders/{number}", response.Headers.Location?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(number, body.GetProperty("orderNumber").GetString());
        Assert.Equal("Accepted", body.GetProperty("status").GetString());
        var trackingId = body.GetProperty("trackingId").GetGuid();

        var status = await Hub.WaitForStatusAsync(number, "Completed", "Failed");
        Assert.Equal("Completed", status!.Status);
        Assert.Equal(trackingId, status.TrackingId);
        Assert.True(Hub.Demo.ErpEu.Bookings.ContainsKey(number), "an EU order is booked in ERP-EU");
        Assert.True(Hub.Demo.Shipping.Shipments.ContainsKey(number), "a physical order is shipped");
    }

    [Fact]
    public async Task Out_of_stock_sku_fails_the_order_naming_the_sku_and_charges_nothing()
    {
        var order = Orders.Valid() with { Lines = [new OrderLine { Sku = "BOOK-001", Quantity = 1, UnitPrice = 5m }, new OrderLine { Sku = "OOS-42", Quantity = 1, UnitPrice = 5m }] };

        await PlaceAsync(order);

        var status = await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal("Failed", status!.Status);
        Assert.Contains("OOS-42", status.Reason);
        Assert.DoesNotContain(order.OrderNumber!, Hub.Demo.ErpEu.Bookings.Keys);
    }

    [Fact]
    public async Task Payment_over_the_limit_is_declined_and_the_stock_is_released()
    {
        var order = Orders.Valid() with { Lines = [new OrderLine { Sku = "TV-1", Quantity = 2, UnitPrice = 25000.01m }] };

        var trackingId = await PlaceAsync(order);

        var status = await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal("Failed", status!.Status);
        Assert.Contains("declined", status.Reason);
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Inventory.Released.ContainsKey(trackingId)), x => x, "the stock to be released");
    }

    [Fact]
    public async Task Erp_refusal_fails_the_order_and_refunds_the_payment_and_releases_the_stock()
    {
        var order = Orders.Valid() with { CustomerId = "ERRERP-1" };

        var trackingId = await PlaceAsync(order);

        var status = await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal("Failed", status!.Status);
        Assert.Contains("ERP-EU", status.Reason);
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Payments.Refunded.Count(p => p.Key.Contains(trackingId.ToString("N")[..16], StringComparison.Ordinal))), n => n == 1, "the payment to be refunded");
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Inventory.Released.ContainsKey(trackingId)), x => x, "the stock to be released");
    }

    [Fact]
    public async Task Shipping_refusal_fails_the_order_and_undoes_booking_payment_and_stock()
    {
        var order = Orders.Valid() with { ShipTo = Orders.Valid().ShipTo! with { PostalCode = "00000" } };

        var trackingId = await PlaceAsync(order);

        var status = await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed");
        Assert.Equal("Failed", status!.Status);
        Assert.Contains("00000", status.Reason);
        var bookingId = Hub.Demo.ErpEu.Bookings[order.OrderNumber!];
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.ErpEu.Cancelled.ContainsKey(bookingId)), x => x, "the ERP booking to be cancelled");
        await Eventually.MatchAsync(() => Task.FromResult(Hub.Demo.Inventory.Released.ContainsKey(trackingId)), x => x, "the stock to be released");
    }

    [Fact]
    public async Task Digital_order_completes_without_a_shipment()
    {
        var order = Orders.Valid() with { Lines = [new OrderLine { Sku = "DIG-EBOOK", Quantity = 1, UnitPrice = 9.99m }, new OrderLine { Sku = "DIG-SONG", Quantity = 3, UnitPrice = 0.99m }] };

        await PlaceAsync(order);

        Assert.Equal("Completed", (await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.DoesNotContain(order.OrderNumber!, Hub.Demo.Shipping.Shipments.Keys);
        var skipped = await Hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.Outcome == JournalOutcomes.Skipped));
        Assert.Equal("digital-goods-skip-shipping", Assert.Single(skipped).Route);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("APAC")]
    public async Task Us_and_apac_orders_are_booked_in_erp_us(string region)
    {
        var order = Orders.Valid() with { Region = region, Currency = "USD" };

        await PlaceAsync(order);

        Assert.Equal("Completed", (await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.True(Hub.Demo.ErpUs.Bookings.ContainsKey(order.OrderNumber!));
        Assert.False(Hub.Demo.ErpEu.Bookings.ContainsKey(order.OrderNumber!));
    }

    [Fact]
    public async Task Journal_shows_every_hop_of_one_order_under_the_client_correlation_id()
    {
        var order = Orders.Valid();
        var correlationId = $"client-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(order, options: CanonicalJson.Options) };
        request.Headers.Add("X-Correlation-ID", correlationId);
        using var response = await Hub.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Hub.WaitForStatusAsync(order.OrderNumber!, "Completed");

        var hops = await Eventually.MatchAsync(
            () => Hub.JournalAsync(q => q.Where(e => e.CorrelationId == correlationId)),
            entries => entries.Any(e => e.Destination == "shipping" && e.Outcome == JournalOutcomes.Delivered),
            "the shipment delivery to be journaled");

        var inbound = Assert.Single(hops, e => e.Direction == JournalDirection.Inbound);
        Assert.Equal(("rest", "PlaceOrder.v1", JournalOutcomes.Accepted, "order-intake", "order-fulfillment"),
            (inbound.SourceAdapter, inbound.MessageType, inbound.Outcome, inbound.Route, inbound.Destination));
        var delivered = hops.Where(e => e.Direction == JournalDirection.Outbound && e.Outcome == JournalOutcomes.Delivered).Select(e => e.Destination).ToHashSet();
        Assert.Superset(new HashSet<string?> { "inventory", "payments", "erp-eu", "shipping" }, delivered);
        Assert.All(hops, e => Assert.True(e.CompletedAt >= e.ReceivedAt));
    }

    private async Task<Guid> PlaceAsync(PlaceOrder order)
    {
        using var response = await Hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingId").GetGuid();
    }
}
