using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.DemoEndpoints;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Security.ApiKeys;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>The shipped production profile (<c>appsettings.Production.json</c>) and the steps of the README's "Running in production".</summary>
public sealed class ProductionProfileTests
{
    private static readonly string Profile = Path.Combine(AppContext.BaseDirectory, "appsettings.Production.json");

    [Fact]
    public void The_profile_listens_on_every_address_without_the_demo_and_with_named_hosts()
    {
        var profile = new ConfigurationBuilder().AddJsonFile(Profile).Build();

        Assert.StartsWith("http://0.0.0.0:", profile["Urls"], StringComparison.Ordinal);
        Assert.Equal("false", profile["CommerceBus:DemoEndpoints:Enabled"], ignoreCase: true);
        Assert.NotEqual("*", profile["AllowedHosts"]);
        Assert.Equal("localhost", profile["CommerceBus:Adapters:Tcp:Listeners:terminals:Address"]);

        // Off until the README's steps give it TLS and client certificates: with keys configured a plain one stops the start.
        Assert.Equal("false", profile["CommerceBus:Adapters:Tcp:Listeners:terminals:Enabled"], ignoreCase: true);
    }

    [Fact]
    public async Task The_profile_without_keys_refuses_to_start()
    {
        var port = TestHub.FreeTcpPort();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHub.StartAsync(
            configureServices: AllAddresses(port), profile: Profile));

        Assert.Contains("CommerceBus:Security:ApiKeys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_with_a_key_configured_as_the_README_says_serves_that_client_and_nobody_else()
    {
        // The README's steps: a random key, its "sha256:" + hex hash and its role in environment-style settings.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var port = TestHub.FreeTcpPort();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["CommerceBus:Security:ApiKeys:webshop:Hash"] = ApiKeyHash.Of(key),
                ["CommerceBus:Security:ApiKeys:webshop:Roles:0"] = "intake",
                ["AllowedHosts"] = "127.0.0.1",
            },
            configureServices: AllAddresses(port),
            profile: Profile);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

        using var anonymous = await http.PostAsJsonAsync("/api/orders", Orders.Valid(), CanonicalJson.Options);
        using var keyed = await Send(http, HttpMethod.Post, "/api/orders", key, JsonContent.Create(Orders.Valid(), options: CanonicalJson.Options));
        using var operatorApi = await Send(http, HttpMethod.Get, "/api/failed-messages", key);
        using var odata = await Send(http, HttpMethod.Get, "/odata/Orders", key);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, keyed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorApi.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, odata.StatusCode);
        Assert.Null(hub.Services.GetService<DemoEndpointState>());
    }

    private static Action<IServiceCollection> AllAddresses(int port) =>
        services => services.Configure<KestrelServerOptions>(o => o.Listen(IPAddress.Any, port));

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(ApiKeyDefaults.Header, key);
        return http.SendAsync(request);
    }
}
