using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CommerceBus.Bench.Http;

/// <summary>The peer of the hub's pass-through: a bare YARP forwarder (no hub, no routing) in front of the same backend.</summary>
internal static class YarpPeer
{
    public static async Task<int> RunAsync(int port, string backend)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http1);
            k.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.MapForwarder("/{**catch-all}", backend);
        await app.RunAsync();
        return 0;
    }
}
