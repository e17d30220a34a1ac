using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>The "done when": an order placed over REST is found completed with its lines, and its journal shows every hop.</summary>
public sealed class ODataEndToEndTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    [Fact]
    public async Task A_completed_order_is_queried_with_its_lines_and_its_messages_show_every_hop()
    {
        var hub = fixture.Hub;
        var order = Orders.Valid();
        using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        placed.EnsureSuccessStatusCode();
        await hub.WaitForStatusAsync(order.OrderNumber!, "Completed");

        var orders = await GetAsync(hub, $"/odata/Orders?$filter=Status eq 'Completed' and OrderNumber eq '{order.OrderNumber}'&$expand=Lines&$count=true");
        var found = Assert.Single(orders.GetProperty("value").EnumerateArray());
        Assert.Equal(1, orders.GetProperty("@odata.count").GetInt32());
        Assert.Equal(["BOOK-001", "PEN-777"], found.GetProperty("Lines").EnumerateArray().Select(l => l.GetProperty("Sku").GetString()).Order());

        var correlationId = found.GetProperty("CorrelationId").GetString();
        var messages = await GetAsync(hub, $"/odata/Messages?$filter=CorrelationId eq '{correlationId}'&$orderby=Id&$select=MessageType,Direction,Destination,Outcome");
        var hops = messages.GetProperty("value").EnumerateArray().ToList();
        Assert.Contains(hops, m => m.GetProperty("Direction").GetString() == "Inbound" && m.GetProperty("MessageType").GetString() == "PlaceOrder.v1");
        var destinations = hops.Select(m => m.GetProperty("Destination").GetString()).Where(d => d is not null).ToHashSet();
        Assert.Superset(new HashSet<string?> { "order-fulfillment", "inventory", "payments", "erp-eu", "shipping" }, destinations);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_order_intake_and_route_explain_but_not_OData()
    {
        var document = await GetAsync(fixture.Hub, "/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/orders", paths);
        Assert.Contains("/api/orders/{orderNumber}", paths);
        Assert.Contains("/api/orders/{orderNumber}/cancel", paths);
        Assert.Contains("/api/routes/explain", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/odata", StringComparison.Ordinal));
        var place = document.GetProperty("paths").GetProperty("/api/orders").GetProperty("post");
        Assert.True(place.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal(["202", "400", "409", "413"], place.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();
        Assert.Contains("PlaceOrder", schemas);
        Assert.Contains("RouteExplanation", schemas);
    }

    private static async Task<JsonElement> GetAsync(TestHub hub, string url)
    {
        using var response = await hub.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}
