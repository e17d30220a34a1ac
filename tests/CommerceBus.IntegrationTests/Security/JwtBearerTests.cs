using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Security;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>Bearer tokens of an OIDC issuer (a test issuer with a key made in the test): the client and its roles come from the token.</summary>
public sealed class JwtBearerTests
{
    [Fact]
    public async Task A_token_from_the_issuer_is_accepted_with_its_roles_and_a_forged_one_is_not()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var hub = await TestHub.StartAsync(issuer.Settings());
        using var http = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        using var anonymous = await http.GetAsync("/api/failed-messages");
        using var forged = await Send(http, HttpMethod.Get, "/api/failed-messages", issuer.Token("ops-robot", [SecurityRoles.Operator], signedByStranger: true));
        using var intakeOnly = await Send(http, HttpMethod.Get, "/api/failed-messages", issuer.Token("web-shop", [SecurityRoles.Intake]));
        using var operatorToken = await Send(http, HttpMethod.Get, "/api/failed-messages", issuer.Token("ops-robot", [SecurityRoles.Operator]));
        using var order = await Send(http, HttpMethod.Post, "/api/orders", issuer.Token("web-shop", [SecurityRoles.Intake]),
            JsonContent.Create(Orders.Valid(), options: CanonicalJson.Options));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, intakeOnly.StatusCode);
        Assert.Contains("web-shop", await intakeOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, operatorToken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, order.StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}
