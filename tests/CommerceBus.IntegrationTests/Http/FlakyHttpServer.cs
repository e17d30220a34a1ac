using System.Collections.Concurrent;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommerceBus.IntegrationTests.Http;

/// <summary>
/// A real HTTP server in front of a service: it forwards every request upstream, but answers the first
/// <see cref="FailFirst"/> of them with 503, so the caller sees a transient failure even though the service may already
/// have applied the request (the worst case for a capture). Without an upstream it answers 503 to everything.
/// </summary>
public sealed class FlakyHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new();
    private int _count;

    private FlakyHttpServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Where requests go on; null answers 503 to everything.</summary>
    public Uri? Upstream { get; set; }

    public int FailFirst { get; set; }

    /// <summary>Forward the failing requests too (the service applies them; the caller only sees the 503).</summary>
    public bool ForwardFailures { get; set; } = true;

    /// <summary>Every request: its path and its Idempotency-Key header.</summary>
    public ConcurrentQueue<(string Path, string IdempotencyKey)> Requests { get; } = new();

    public static async Task<FlakyHttpServer> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{TestHub.FreeTcpPort()}/");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(address.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new FlakyHttpServer(app, address);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Requests.Enqueue((context.Request.Path, context.Request.Headers["Idempotency-Key"].ToString()));
        var failing = Interlocked.Increment(ref _count) <= FailFirst;
        if (Upstream is null || (failing && !ForwardFailures))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(Upstream, context.Request.Path + context.Request.QueryString));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        request.Content = new ByteArrayContent(body.ToArray());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        foreach (var header in context.Request.Headers.Where(h => h.Key.StartsWith("Idempotency", StringComparison.OrdinalIgnoreCase) || h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        using var answer = await _upstream.SendAsync(request);
        if (failing)
        {
            // The service did the work; its answer is lost on the way back.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(context.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
