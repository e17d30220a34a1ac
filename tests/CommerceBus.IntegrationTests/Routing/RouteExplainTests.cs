using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Routing;

/// <summary>POST /api/routes/explain on the running host, with the demo routing table of appsettings.json.</summary>
public sealed class RouteExplainTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    [Fact]
    public async Task Apac_booking_is_explained_as_going_to_erp_us_and_why_erp_eu_did_not_match()
    {
        using var response = await fixture.Hub.Http.PostAsJsonAsync("/api/routes/explain", new { type = "BookOrder", body = new { region = "APAC" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var explanation = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["erp-us"], explanation.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        var rules = explanation.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.False(rules["erp-eu"].GetProperty("matched").GetBoolean());
        Assert.Contains(rules["erp-eu"].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("APAC", StringComparison.Ordinal));
        Assert.True(rules["erp-us"].GetProperty("matched").GetBoolean());
    }

    [Fact]
    public async Task Digital_shipment_is_explained_as_needing_no_endpoint()
    {
        var body = new { lines = new[] { new { sku = "DIG-1" }, new { sku = "DIG-2" } } };

        using var response = await fixture.Hub.Http.PostAsJsonAsync("/api/routes/explain", new { type = "BookShipment", body });

        var explanation = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["digital-goods-skip-shipping"], explanation.GetProperty("routes").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(explanation.GetProperty("endpoints").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_message_type_gets_a_400_problem()
    {
        using var response = await fixture.Hub.Http.PostAsJsonAsync("/api/routes/explain", new { type = "Teleport", body = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Teleport", await response.Content.ReadAsStringAsync());
    }
}
