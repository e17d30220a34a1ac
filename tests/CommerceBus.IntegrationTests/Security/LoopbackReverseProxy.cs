using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace CommerceBus.IntegrationTests.Security;

/// <summary>
/// A real reverse proxy (YARP) on loopback in front of a hub, as nginx, a TLS terminator or a sidecar on the hub's
/// machine would be: it adds <c>X-Forwarded-For</c> and friends, as they do.
/// </summary>
public sealed class LoopbackReverseProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackReverseProxy(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public static async Task<LoopbackReverseProxy> StartAsync(Uri hub)
    {
        var address = new Uri($"http://127.0.0.1:{TestHub.FreeTcpPort()}");
        // Not the default environment "Production": the test folder holds the hub's appsettings.Production.json.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "hub", ClusterId = "hub", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig { ClusterId = "hub", Destinations = new Dictionary<string, DestinationConfig> { ["hub"] = new() { Address = hub.ToString() } } }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return new LoopbackReverseProxy(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
