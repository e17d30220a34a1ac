using CommerceBus.Abstractions.Hosting;
using CommerceBus.Adapters.Http;
using CommerceBus.Adapters.OData;
using CommerceBus.Adapters.Proxy;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Adapters.Rest;
using CommerceBus.Adapters.Soap;
using CommerceBus.Adapters.Tcp;
using CommerceBus.DemoContracts;
using CommerceBus.Fulfillment;
using CommerceBus.Hosting;
using CommerceBus.Observability;
using CommerceBus.OperatorConsole.Hosting;
using CommerceBus.Security.Hosting;

namespace CommerceBus.Host;

/// <summary>Builds the hub application: configuration, the hub, its adapters and, when enabled, the demo endpoints.</summary>
/// <remarks>Tests build the same application with their own settings, so what they start is what the run command starts.</remarks>
public static class HubApp
{
    /// <summary>
    /// The environment when none is named: not ASP.NET Core's default "Production", so appsettings.Production.json (every
    /// address, no demo endpoints) is only loaded on purpose and <c>dotnet run</c> stays a loopback hub with its demo.
    /// </summary>
    public const string LocalEnvironment = "Local";

    /// <param name="args">Command-line arguments (configuration overrides, <c>--urls</c>).</param>
    /// <param name="configure">Changes to the host builder before the hub is added (tests: settings, ports).</param>
    /// <param name="configureHub">More adapters or connectors beside the standard ones (tests: the reference adapter).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<ICommerceBusBuilder>? configureHub = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = ChosenEnvironment(args) is null ? LocalEnvironment : null,
        });
        configure?.Invoke(builder);

        var demo = DemoEndpointsOf(builder.Configuration);
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

            foreach (var plugin in demo)
            {
                plugin.Register(hub);
            }

            configureHub?.Invoke(hub);
        });

        builder.Services.AddHubObservability(builder.Configuration);
        builder.Services.AddCommerceBusSecurity(builder.Configuration);
        builder.Services.AddOperatorConsole(builder.Configuration);
        builder.Services.AddOpenApi(openApi => openApi.ShouldInclude = ApiDocument.Includes);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Before every adapter's middleware and endpoint: no surface is reached without passing its policy.
        app.UseCommerceBusSecurity();
        app.UseCommerceBus();
        app.MapHubObservability();
        app.UseOperatorConsole();
        app.MapOpenApi();
        return app;
    }

    /// <summary>
    /// The demo endpoints (samples/CommerceBus.DemoEndpoints) are a plug-in: a build carries them only when asked (Debug,
    /// so <c>dotnet run</c>, or <c>-p:DemoEndpoints=true</c>), and <c>CommerceBus:DemoEndpoints:Enabled</c> defaults
    /// to whether this build carries them.
    /// </summary>
    private static IReadOnlyList<ICommerceBusPlugin> DemoEndpointsOf(IConfiguration configuration)
    {
        var asked = configuration.GetValue<bool?>("CommerceBus:DemoEndpoints:Enabled");
        if (asked == false)
        {
            return [];
        }

        var plugins = PluginAssemblies.Load(DemoEndpointsAssembly);
        if (plugins is null && asked == true)
        {
            throw new InvalidOperationException(
                "CommerceBus:DemoEndpoints:Enabled is true, but this build of the hub carries no demo endpoints (a production build). " +
                "Leave the setting out (or false), or build the host with the demo endpoints: dotnet build src/CommerceBus.Host -p:DemoEndpoints=true.");
        }

        return plugins ?? [];
    }

    private const string DemoEndpointsAssembly = "CommerceBus.DemoEndpoints";

    private static string? ChosenEnvironment(string[] args) =>
        args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase))
            ? "from the command line"
            : Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
}
