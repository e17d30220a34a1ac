using System.Net;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Security;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// The per-client rate limits of intake, OData and explain, with a permit of one request per window: a second
/// request in the window gets 429 with Retry-After, another client is not affected, and the client is served again
/// once its window has passed.
/// </summary>
public sealed class RateLimitTests
{
    [Theory]
    [InlineData(RateLimits.Intake, "/api/orders/NO-SUCH-ORDER", "shop", HttpStatusCode.NotFound)]
    [InlineData(RateLimits.OData, "/odata/Orders?$top=1", "analyst", HttpStatusCode.OK)]
    [InlineData(RateLimits.Explain, "/api/routes/explain", "ops", HttpStatusCode.OK)]
    public async Task A_client_over_its_limit_gets_429_with_Retry_After_others_do_not_and_it_recovers(string limit, string path, string role, HttpStatusCode served)
    {
        var settings = TestClients.Settings(
            ("first", [RoleOf(role)]),
            ("second", [RoleOf(role)]));
        settings[$"CommerceBus:Security:RateLimits:{limit}:PermitLimit"] = "1";
        settings[$"CommerceBus:Security:RateLimits:{limit}:Window"] = "00:00:02";
        await using var hub = await TestHub.StartAsync(settings);
        using var first = hub.As("first");
        using var second = hub.As("second");

        // One permit per window: of any two requests, at least the later of two within one window is refused. Asking
        // until refused (bounded) needs no assumption about how fast the machine is.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await first.SendAsync(Request(path));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(served, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After was {refused.Headers.RetryAfter}");
        }

        using (var other = await second.SendAsync(Request(path)))
        {
            Assert.Equal(served, other.StatusCode);
        }

        var recovered = await Eventually.MatchAsync(
            async () =>
            {
                using var response = await first.SendAsync(Request(path));
                return response.StatusCode;
            },
            status => status != HttpStatusCode.TooManyRequests,
            "the limited client to be served again in a later window");
        Assert.Equal(served, recovered);
    }

    private static string RoleOf(string role) => role switch
    {
        "shop" => SecurityRoles.Intake,
        "analyst" => SecurityRoles.Query,
        _ => SecurityRoles.Operator,
    };

    private static HttpRequestMessage Request(string path) => path.EndsWith("explain", StringComparison.Ordinal)
        ? new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("{\"type\":\"BookOrder\",\"body\":{\"region\":\"EU\"}}", System.Text.Encoding.UTF8, "application/json"),
        }
        : new HttpRequestMessage(HttpMethod.Get, path);
}
