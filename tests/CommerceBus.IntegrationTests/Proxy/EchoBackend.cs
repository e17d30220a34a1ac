using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommerceBus.IntegrationTests.Proxy;

/// <summary>
/// A real HTTP service behind the proxy: it records every request it gets (method, path and query, headers, body) and
/// answers with the same body and content type and an <c>X-Backend</c> header naming itself. Given a certificate, it
/// serves HTTPS with it.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoBackend(WebApplication app, string name, Uri address)
    {
        _app = app;
        Name = name;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Completed as soon as the first body bytes of any request have arrived (before the body has ended).</summary>
    public TaskCompletionSource FirstBodyBytes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<EchoBackend> StartAsync(string name, X509Certificate2? certificate = null)
    {
        var port = TestHub.FreeTcpPort();
        var address = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var backend = new EchoBackend(app, name, address);
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var body = new MemoryStream();
        var buffer = new byte[65536];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            body.Write(buffer, 0, read);
            FirstBodyBytes.TrySetResult();
        }

        var bytes = body.ToArray();
        Received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType,
            bytes,
            Convert.ToHexString(SHA256.HashData(bytes))));
        context.Response.Headers["X-Backend"] = Name;
        context.Response.ContentType = context.Request.ContentType;
        await context.Response.Body.WriteAsync(bytes);
    }
}
