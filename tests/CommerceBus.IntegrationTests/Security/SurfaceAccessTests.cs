using System.Net;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using Xunit;
using static CommerceBus.IntegrationTests.Security.KeyedHubFixture;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// Every HTTP surface of a hub with keys configured, each asked with no credential, a wrong key, the key of a client
/// whose role does not open it, and the key of one whose role does.
/// </summary>
public sealed class SurfaceAccessTests(KeyedHubFixture fixture) : IClassFixture<KeyedHubFixture>
{
    private static readonly Dictionary<string, SurfaceCase> Cases = new()
    {
        ["REST place order"] = new("POST", "/api/orders", JsonSerializer.Serialize(Orders.Valid(), CanonicalJson.Options), Shop, Analyst, 202),
        ["REST order status"] = new("GET", "/api/orders/NOSUCHORDER1", null, Shop, Ops, 404),
        ["REST cancel"] = new("POST", "/api/orders/NOSUCHORDER1/cancel", "{\"reason\":\"test\"}", Shop, Privacy, 404),
        ["SOAP WSDL"] = new("GET", "/soap/OrderService?wsdl", null, Shop, Analyst, 200),
        ["OData orders"] = new("GET", "/odata/Orders", null, Analyst, Shop, 200),
        ["OData orders for pii"] = new("GET", "/odata/Orders", null, Privacy, Ops, 200),
        ["OData metadata"] = new("GET", "/odata/$metadata", null, Analyst, Shop, 200),
        ["OData sagas"] = new("GET", "/odata/Sagas", null, Analyst, Shop, 200),
        ["OData journal"] = new("GET", "/odata/Messages", null, Ops, Privacy, 200),
        ["OData failed messages"] = new("GET", "/odata/FailedMessages", null, Ops, Analyst, 200),
        ["OData failed message by key, lower case"] = new("GET", "/odata/failedmessages(1)", null, Ops, Analyst, 404),
        ["operator API list"] = new("GET", "/api/failed-messages", null, Ops, Shop, 200),
        ["operator API retry"] = new("POST", "/api/failed-messages/999999/retry", null, Ops, Privacy, 404),
        ["route explain"] = new("POST", "/api/routes/explain", "{\"type\":\"BookOrder\",\"body\":{\"region\":\"EU\"}}", Ops, Shop, 200),
        ["OpenAPI"] = new("GET", "/openapi/v1.json", null, Ops, Analyst, 200),
        ["scheduler dashboard"] = new("GET", "/hangfire", null, Ops, Shop, 200),
        ["proxy route (operator by default)"] = new("GET", "/proxy/erp/LegacyErp/BookingService?wsdl", null, Ops, Shop, null),
        ["a path no surface names"] = new("GET", "/no-such-surface", null, Shop, null, 404),
    };

    public static TheoryData<string> Surfaces => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Surfaces))]
    public async Task Surface_refuses_no_credential_a_wrong_key_and_the_wrong_role_and_serves_the_right_client(string surface)
    {
        var @case = Cases[surface];
        using var http = fixture.Hub.As(null);

        using var anonymous = await http.SendAsync(@case.Request(null));
        using var wrongKey = await http.SendAsync(@case.Request("not-a-key-anyone-has"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        if (@case.WrongRoleClient is { } wrong)
        {
            using var wrongRole = await http.SendAsync(@case.Request(TestClients.KeyOf(wrong)));
            Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
            var problem = await wrongRole.Content.ReadAsStringAsync();
            Assert.Contains(wrong, problem, StringComparison.Ordinal);
        }

        using var right = await http.SendAsync(@case.Request(TestClients.KeyOf(@case.RightClient)));
        if (@case.Expected is { } expected)
        {
            Assert.Equal((HttpStatusCode)expected, right.StatusCode);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, right.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, right.StatusCode);
        }
    }

    [Fact]
    public async Task Health_answers_anyone()
    {
        using var http = fixture.Hub.As(null);
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_oversized_explain_body_is_refused_before_it_is_read()
    {
        using var http = fixture.Hub.OneShotAs(Ops);
        var big = "{\"type\":\"BookOrder\",\"body\":{\"region\":\"" + new string('x', 200 * 1024) + "\"}}";
        using var response = await http.PostAsync("/api/routes/explain", new StringContent(big, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_oversized_operator_edit_is_refused_before_it_is_read()
    {
        using var http = fixture.Hub.OneShotAs(Ops);
        var big = "{\"orderNumber\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var response = await http.PostAsync("/api/failed-messages/1/edit-and-retry", new StringContent(big, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_oversized_body_gets_401_not_413()
    {
        using var http = fixture.Hub.OneShotAs(null);
        var big = new string('x', 200 * 1024);
        using var response = await http.PostAsync("/api/routes/explain", new StringContent(big, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_action_posted_from_another_sites_page_is_refused_and_from_the_hubs_own_is_not()
    {
        using var http = fixture.Hub.As(Ops);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/failed-messages/999999/retry") { Headers = { { "Origin", "https://evil.example" } } };
        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "/api/failed-messages/999999/retry") { Headers = { { "Origin", fixture.Hub.BaseAddress.GetLeftPart(UriPartial.Authority) } } };

        using var refused = await http.SendAsync(crossSite);
        using var served = await http.SendAsync(sameSite);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("evil.example", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task A_deep_OData_skip_is_refused()
    {
        using var http = fixture.Hub.As(Analyst);
        using var response = await http.GetAsync("/odata/Orders?$skip=1000000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1000000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OData_function_outside_the_allowed_ones_is_refused()
    {
        using var http = fixture.Hub.As(Analyst);
        using var refused = await http.GetAsync("/odata/Orders?$filter=indexof(OrderNumber,'A') eq 1");
        using var allowed = await http.GetAsync("/odata/Orders?$filter=startswith(OrderNumber,'A')");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
