using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommerceBus.IntegrationTests.Conformance.Outbound;

/// <summary>A real Kestrel server on a free loopback port that answers every request with one handler.</summary>
internal sealed class ConformanceWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConformanceWebServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ConformanceWebServer> StartAsync(RequestDelegate handler)
    {
        var address = new Uri($"http://127.0.0.1:{TestHub.FreeTcpPort()}/");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls(address.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return new ConformanceWebServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        // A hung request waits on RequestAborted; stopping the server aborts it.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
