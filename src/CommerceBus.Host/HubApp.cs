using CommerceBus.Adapters.Rest;
using CommerceBus.Core.Hosting;
using CommerceBus.DemoEndpoints;

namespace CommerceBus.Host;

/// <summary>Builds the hub application: configuration, the hub, its adapters and, when enabled, the demo endpoints.</summary>
/// <remarks>Tests build the same application with their own settings, so what they start is what the run command starts.</remarks>
public static class HubApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
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
            hub.AddRestAdapter();
            if (demo)
            {
                hub.AddDemoEndpoints();
            }
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCommerceBus();
        return app;
    }
}
