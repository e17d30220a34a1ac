using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CommerceBus.Bench.Http;

/// <summary>The backend of every scenario: minimal Kestrel that answers each request with its own body and content type.</summary>
internal static class EchoServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http1);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.ContentType = context.Request.ContentType;
            if (context.Request.ContentLength is { } length)
            {
                context.Response.ContentLength = length;
            }

            await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
