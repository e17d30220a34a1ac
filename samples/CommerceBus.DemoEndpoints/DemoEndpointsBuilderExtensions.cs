using CommerceBus.Abstractions.Hosting;
using CommerceBus.Core.Hosting;
using CommerceBus.DemoEndpoints.InProcess;
using CommerceBus.DemoEndpoints.Inventory;
using CommerceBus.DemoEndpoints.LegacyErp;
using CommerceBus.DemoEndpoints.Payments;
using CommerceBus.DemoEndpoints.Shipping;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.DemoEndpoints;

/// <summary>Starts the demo business endpoints beside the hub (the run command's embedded default).</summary>
public static class DemoEndpointsBuilderExtensions
{
    public static ICommerceBusBuilder AddDemoEndpoints(this ICommerceBusBuilder builder)
    {
        builder.Services.AddSingleton<DemoEndpointState>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<DemoEndpointState>().Inventory);
        builder.AddConnector<InProcessDemoConnectorFactory>();

        // Shipping is a legacy system on its own TCP port; the hub reaches it with the tcp connector.
        builder.Services.AddOptions<ShippingServerOptions>().Bind(builder.Configuration.GetSection("DemoEndpoints:Shipping"));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<DemoEndpointState>().Shipping);
        builder.Services.AddSingleton<ShippingTcpServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShippingTcpServer>());

        // The Legacy ERP is a real SOAP service (two instances on their own ports), reached through the soap connector.
        builder.Services.AddOptions<LegacyErpOptions>().Bind(builder.Configuration.GetSection("DemoEndpoints:LegacyErp"))
            .Validate(o => Uri.TryCreate(o.EuUrl, UriKind.Absolute, out _) && Uri.TryCreate(o.UsUrl, UriKind.Absolute, out _), "CommerceBus:DemoEndpoints:LegacyErp:EuUrl and UsUrl must be absolute URLs")
            .Validate(o => o.Path.StartsWith('/'), "CommerceBus:DemoEndpoints:LegacyErp:Path must start with '/'")
            .ValidateOnStart();
        builder.Services.AddHostedService<LegacyErpServers>();

        // Payments is a real HTTP JSON service on its own port, reached through the http connector.
        builder.Services.AddOptions<PaymentsHttpOptions>().Bind(builder.Configuration.GetSection("DemoEndpoints:Payments"))
            .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out _), "CommerceBus:DemoEndpoints:Payments:Url must be an absolute URL")
            .ValidateOnStart();
        builder.Services.AddHostedService<PaymentsHttpServer>();

        // On RabbitMQ, Inventory may run as its own process (samples/CommerceBus.Inventory) on the same queue; the hub
        // then only sends to it. On the in-memory bus no other process can reach the queue, so it is always hosted here.
        if (InventoryHosting.IsHostedBesideHub(builder.Configuration))
        {
            builder.ConfigureBus(InventoryHosting.AddInventoryConsumer);
        }

        return builder;
    }
}
