using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// A hub with no credentials configured: it takes orders and operator requests from its own machine, but not through
/// a proxy on that machine, and it will not start on an address other machines can reach.
/// </summary>
public sealed class ProtectedModeTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    [Fact]
    public async Task A_local_caller_without_credentials_places_an_order_and_reads_the_operator_API()
    {
        using var placed = await fixture.Hub.Http.PostAsJsonAsync("/api/orders", Orders.Valid(), CanonicalJson.Options);
        using var failed = await fixture.Hub.Http.GetAsync("/api/failed-messages");

        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public async Task A_local_request_carrying_a_forwarding_header_is_not_served_anonymously(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/failed-messages");
        request.Headers.Add(header, value);
        using var response = await fixture.Hub.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_operator_API_and_the_dashboard_through_a_reverse_proxy_on_the_same_machine_are_refused()
    {
        await using var proxy = await LoopbackReverseProxy.StartAsync(fixture.Hub.BaseAddress);

        using var failed = await proxy.Http.GetAsync("/api/failed-messages");
        using var dashboard = await proxy.Http.GetAsync("/hangfire");
        using var order = await proxy.Http.PostAsJsonAsync("/api/orders", Orders.Valid(), CanonicalJson.Options);
        using var health = await proxy.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, order.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Binding_every_address_without_credentials_refuses_to_start_naming_the_setting()
    {
        var port = TestHub.FreeTcpPort();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHub.StartAsync(
            configureServices: services => services.Configure<KestrelServerOptions>(o => o.Listen(IPAddress.Any, port))));

        Assert.Contains($"0.0.0.0:{port}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("CommerceBus:Security:ApiKeys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TCP_listener_on_every_address_without_credentials_refuses_to_start_naming_the_setting()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHub.StartAsync(
            new Dictionary<string, string?> { ["CommerceBus:Adapters:Tcp:Listeners:terminals:Address"] = "0.0.0.0" }));

        Assert.Contains("CommerceBus:Adapters:Tcp:Listeners:terminals:Address", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_keys_configured_the_operator_API_through_the_proxy_takes_an_operator_key()
    {
        await using var hub = await TestHub.StartAsync(TestClients.Settings(("ops", [SecurityRoles.Operator])));
        await using var proxy = await LoopbackReverseProxy.StartAsync(hub.BaseAddress);

        using var anonymous = await proxy.Http.GetAsync("/api/failed-messages");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/failed-messages") { Headers = { { "X-Api-Key", TestClients.KeyOf("ops") } } };
        using var keyed = await proxy.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }
}
