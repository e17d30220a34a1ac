using CommerceBus.Abstractions.Hosting;
using CommerceBus.Adapters.Http;
using CommerceBus.Adapters.OData;
using CommerceBus.Adapters.Proxy;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Adapters.Rest;
using CommerceBus.Adapters.Soap;
using CommerceBus.Adapters.Tcp;
using CommerceBus.DemoContracts;
using CommerceBus.DemoEndpoints;
using CommerceBus.Fulfillment;
using CommerceBus.Hosting;
using CommerceBus.Observability;

namespace CommerceBus.Host;

/// <summary>Builds the hub application: configuration, the hub, its adapters and, when enabled, the demo endpoints.</summary>
/// <remarks>Tests build the same application with their own settings, so what they start is what the run command starts.</remarks>
public static class HubApp
{
    /// <param name="args">Command-line arguments (configuration overrides, <c>--urls</c>).</param>
    /// <param name="configure">Changes to the host builder before the hub is added (tests: settings, ports).</param>
    /// <param name="configureHub">More adapters or connectors beside the standard ones (tests: the reference adapter).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<ICommerceBusBuilder>? configureHub = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        var demo = builder.Configuration.GetValue("CommerceBus:DemoEndpoints:Enabled", true);
        builder.Services.AddCommerceBus(builder.Configuration, hub =>
        {
            hub.AddOrderFulfillment();
            hub.AddRestAdapter();
            hub.AddSoapAdapter();
            hub.AddTcpAdapter();
            if (RabbitMqAdapterOptions.IsConfigured(hub.Configuration))
            {
                hub.AddRabbitMqAdapter();
            }

            hub.AddODataAdapter();
            hub.AddHttpConnector();

            // The contracts the configured payments and ERP endpoints name: registered whether or not the demo
            // endpoints run here, since the endpoints may be real services elsewhere.
            hub.AddDemoContracts();
            hub.AddProxyAdapter();

            if (demo)
            {
                hub.AddDemoEndpoints();
            }

            configureHub?.Invoke(hub);
        });

        builder.Services.AddHubObservability(builder.Configuration);
        builder.Services.AddOpenApi(openApi => openApi.ShouldInclude = ApiDocument.Includes);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCommerceBus();
        app.MapHubObservability();
        app.MapOpenApi();
        return app;
    }
}
