using CommerceBus.Core.Bus;
using CommerceBus.DemoEndpoints.Inventory;
using CommerceBus.Transports.RabbitMq;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommerceBus.Inventory;

/// <summary>
/// The Inventory service as its own process: the same consumer the hub hosts by default, on the <c>inventory</c> queue
/// of the hub's RabbitMQ bus. Start the hub with <c>CommerceBus:DemoEndpoints:Inventory:Hosted=false</c> beside it.
/// </summary>
public static class InventoryApp
{
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="configure">Changes to the host builder (tests: settings).</param>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        var commerceBus = builder.Configuration.GetSection("CommerceBus");
        if (!RabbitMqBusOptions.From(commerceBus).Enabled)
        {
            throw new InvalidOperationException(
                "The Inventory service runs on the hub's RabbitMQ bus: set CommerceBus:RabbitMq:ConnectionString " +
                "(environment variable CommerceBus__RabbitMq__ConnectionString=amqp://guest:guest@localhost:5672/).");
        }

        builder.Services.AddSingleton<StockLedger>();
        builder.Services.AddScoped<FlowScope>();
        builder.Services.AddMassTransit(bus =>
        {
            InventoryHosting.AddInventoryConsumer(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000, 5000));
                endpoint.UseMessageScope(context);
                endpoint.UseInMemoryOutbox(context);
            });

            // The same envelope filters as the hub, so the answers carry the flow's correlation id on.
            bus.UsingHubTransport(commerceBus, (context, cfg) =>
            {
                cfg.UseConsumeFilter(typeof(FlowConsumeFilter<>), context);
                cfg.UseSendFilter(typeof(FlowSendFilter<>), context);
                cfg.UsePublishFilter(typeof(FlowSendFilter<>), context);
            });
        });
        return builder.Build();
    }
}
