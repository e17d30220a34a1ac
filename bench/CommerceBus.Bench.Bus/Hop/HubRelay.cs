using System.Net;
using System.Net.Sockets;
using CommerceBus.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Bench.Bus.Hop;

/// <summary>
/// The hub itself (the real <see cref="HubApp"/>, bus and AMQP intake on the broker): an order published to
/// <c>commerce.inbound</c> goes through the AMQP adapter, the whole inbound pipeline (normalize, inbox, validate, route,
/// journal and commit) and the routed-command dispatcher to a <c>bus</c> endpoint whose queue is the out side.
/// </summary>
/// <remarks>
/// The configured <c>order-intake</c> route is pointed at the endpoint <c>bench-out</c> (connector <c>bus</c>, queue
/// <c>bench.out</c>) instead of the order fulfillment saga: that is adapter → canonical → route → AMQP out, with no saga.
/// </remarks>
internal sealed class HubRelay(WebApplication app, string storage) : IRelay
{
    public string Name => $"hub: AMQP adapter → pipeline → route → bus endpoint ({storage})";

    public string Exchange => "commerce.inbound";

    public string RoutingKey => "order.place";

    public string OutQueue => "bench.out";

    public static async Task<HubRelay> StartAsync(Uri broker, string? postgres, string dataDirectory)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:RabbitMq:ConnectionString"] = broker.ToString(),
            ["CommerceBus:Storage:SqlitePath"] = Path.Combine(dataDirectory, "commercebus.db"),
            ["CommerceBus:Storage:PostgreSql"] = postgres ?? "",
            ["CommerceBus:DemoEndpoints:Enabled"] = "false",
            ["CommerceBus:Endpoints:bench-out:Connector"] = "bus",
            ["CommerceBus:Endpoints:bench-out:Queue"] = "bench.out",
            ["CommerceBus:Routing:Routes:0:Endpoints:0"] = "bench-out",
            ["CommerceBus:Adapters:Tcp:Listeners:terminals:Port"] = "0",

            // The orders go to bench-out, never to the saga, so each stays "accepted" with its saga not started: the
            // stalled-order re-drive would start their sagas once RedriveStalledAfter (2 min) passed, in the middle of
            // the measured window on a loaded machine (a slow warm-up), and charge saga transitions to the hop.
            ["CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Error",
        };
        var app = HubApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort()}");
        });
        await app.StartAsync();
        return new HubRelay(app, postgres is null ? "SQLite" : "PostgreSQL");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Stopped, not disposed: MassTransit keeps a bus's logger factory in a static log context, which a later hub in this
    // process would reach for once disposed (ObjectDisposedException: LoggerFactory).
    public async ValueTask DisposeAsync() => await app.StopAsync();
}
