using System.Globalization;
using CommerceBus.DemoEndpoints;
using CommerceBus.DemoEndpoints.LegacyErp;
using CommerceBus.DemoEndpoints.Payments;
using CommerceBus.DemoEndpoints.Shipping;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommerceBus.IntegrationTests.ScaleOut;

/// <summary>
/// The outside systems of a cluster, served once for all its hubs by the test process: the demo Payments HTTP service,
/// the two Legacy ERP SOAP instances and the shipping TCP server, with one <see cref="DemoEndpointState"/> (their
/// ledgers) the test reads. <see cref="HubSettings"/> turns each hub's own copies off and points its connectors here.
/// </summary>
public sealed class SharedEndpoints : IAsyncDisposable
{
    private readonly List<Microsoft.Extensions.Hosting.IHostedService> _servers = [];

    private SharedEndpoints()
    {
    }

    public DemoEndpointState State { get; } = new();

    public Dictionary<string, string> HubSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<SharedEndpoints> StartAsync()
    {
        var endpoints = new SharedEndpoints();
        try
        {
            var payments = $"http://127.0.0.1:{TestHub.FreeTcpPort()}";
            var erp = new LegacyErpOptions { EuUrl = $"http://127.0.0.1:{TestHub.FreeTcpPort()}", UsUrl = $"http://127.0.0.1:{TestHub.FreeTcpPort()}" };
            var shipping = new ShippingTcpServer(endpoints.State.Shipping, Options.Create(new ShippingServerOptions { Port = 0 }), NullLogger<ShippingTcpServer>.Instance);
            await endpoints.StartAsync(new PaymentsHttpServer(endpoints.State, Options.Create(new PaymentsHttpOptions { Url = payments }), NullLoggerFactory.Instance, NullLogger<PaymentsHttpServer>.Instance));
            await endpoints.StartAsync(new LegacyErpServers(endpoints.State, Options.Create(erp), NullLoggerFactory.Instance, NullLogger<LegacyErpServers>.Instance));
            await endpoints.StartAsync(shipping);

            var settings = endpoints.HubSettings;
            settings["CommerceBus:DemoEndpoints:Payments:Enabled"] = "false";
            settings["CommerceBus:DemoEndpoints:LegacyErp:Enabled"] = "false";
            settings["CommerceBus:DemoEndpoints:Shipping:Enabled"] = "false";
            settings["CommerceBus:Endpoints:payments:BaseUrl"] = payments + "/";
            settings["CommerceBus:Endpoints:erp-eu:Address"] = erp.EuUrl + erp.Path;
            settings["CommerceBus:Endpoints:erp-us:Address"] = erp.UsUrl + erp.Path;
            settings["CommerceBus:Endpoints:shipping:Host"] = "127.0.0.1";
            settings["CommerceBus:Endpoints:shipping:Port"] = shipping.EndPoint!.Port.ToString(CultureInfo.InvariantCulture);
            return endpoints;
        }
        catch
        {
            await endpoints.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers))
        {
            await server.StopAsync(CancellationToken.None);
        }
    }

    private async Task StartAsync(Microsoft.Extensions.Hosting.IHostedService server)
    {
        await server.StartAsync(CancellationToken.None);
        _servers.Add(server);
    }
}
