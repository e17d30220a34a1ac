using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Rest;

/// <summary>
/// What the REST intake answers to requests it cannot take: RFC 7807 problem details naming the problem, never a stack
/// trace, and nothing accepted.
/// </summary>
public sealed class RestBadInputTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Invalid_body_gets_400_problem_json_naming_every_invalid_field()
    {
        var number = Orders.NewNumber("V");
        var body = $$"""
            {"orderNumber":"{{number}}","customerId":"c 42","currency":"eur","region":"EU",
             "shipTo":{"name":"","street":"12 Analytical Way","city":"London","postalCode":"NW1 2DB","country":"XX"},
             "lines":[{"sku":"BOOK-001","quantity":0,"unitPrice":19.999},{"sku":"PEN","quantity":"two","unitPrice":1}]}
            """;

        using var response = await PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "customerId", "currency", "shipTo.name", "shipTo.country", "lines[0].quantity", "lines[0].unitPrice", "lines[1].quantity" },
            fields);
        Assert.Contains("must be a number", problem.GetProperty("errors").GetProperty("lines[1].quantity")[0].GetString());
        Assert.Null(await Hub.Gateway.GetStatusAsync(OrderFamily.Name, number, CancellationToken.None));
        var journaled = await Hub.JournalAsync(q => q.Where(e => e.OrderNumber == number));
        Assert.Equal(JournalOutcomes.Rejected, Assert.Single(journaled).Outcome);
    }

    [Theory]
    [InlineData("{\"orderNumber\": \"A-1\",", "Malformed JSON")]
    [InlineData("[1,2,3]", "must be a JSON object")]
    [InlineData("\"just a string\"", "must be a JSON object")]
    public async Task Unreadable_body_gets_400_with_a_clear_reason(string body, string expected)
    {
        using var response = await PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_415()
    {
        using var response = await Hub.Http.PostAsync("/api/orders", new StringContent("<order/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_the_size_limit_gets_413()
    {
        var huge = "{\"orderNumber\":\"" + new string('A', 300 * 1024) + "\"}";

        using var client = Hub.OneShotClient();
        using var response = await client.PostAsync("/api/orders", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_not_crashed_on()
    {
        var nested = new string('[', 5000) + new string(']', 5000);

        using var response = await PostJsonAsync(nested);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var health = await Hub.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Unknown_order_gets_404_problem()
    {
        using var response = await Hub.Http.GetAsync($"/api/orders/{Orders.NewNumber("U")}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Status_of_a_known_order_has_the_contract_fields()
    {
        var order = Orders.Valid() with { CustomerId = "ERRERP-9" };
        using (var placed = await Hub.Http.PostAsJsonAsync("/api/orders", order, Contracts.Json.CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        await Hub.WaitForStatusAsync(order.OrderNumber!, "Failed");
        var status = await Hub.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{order.OrderNumber}");

        Assert.Equal(order.OrderNumber, status.GetProperty("orderNumber").GetString());
        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Contains("ERRERP-9", status.GetProperty("reason").GetString());
        Assert.NotEqual(Guid.Empty, status.GetProperty("trackingId").GetGuid());
        Assert.True(status.GetProperty("updatedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    private Task<HttpResponseMessage> PostJsonAsync(string body) =>
        Hub.Http.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));
}
