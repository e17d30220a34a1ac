using CommerceBus.OperatorConsole.Components;
using CommerceBus.OperatorConsole.Endpoints;
using CommerceBus.OperatorConsole.Failures;
using CommerceBus.OperatorConsole.Orders;
using CommerceBus.OperatorConsole.Overview;
using CommerceBus.OperatorConsole.Routes;
using CommerceBus.Security.Surfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.OperatorConsole.Hosting;

/// <summary>The console's one entry point: <see cref="AddOperatorConsole"/> registers its pages and reads, <see cref="UseOperatorConsole"/> serves them at <c>/console</c>.</summary>
public static class OperatorConsoleExtensions
{
    /// <summary>Registers the console's pages (Blazor static server rendering) and the reads behind them, from <c>CommerceBus:Console</c>.</summary>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorConsoleOptions>().Bind(configuration.GetSection(OperatorConsoleOptions.Section));
        services.AddRazorComponents();
        services.AddSingleton<OverviewQuery>();
        services.AddSingleton<FailureGroups>();
        services.AddSingleton<OrderTimelineQuery>();
        services.AddSingleton<RouteExplainer>();
        services.AddSingleton<EndpointsQuery>();

        // Listens to Kestrel's connection count from before the server starts (hosted services start before the web host).
        services.AddSingleton<KestrelConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<KestrelConnections>());
        return services;
    }

    /// <summary>
    /// Serves the console under <see cref="SurfaceMap.ConsolePath"/>, behind the operator policy the security module puts
    /// in front of that path; its forms are checked against cross-site forgery. Call after <c>UseCommerceBusSecurity</c>.
    /// </summary>
    public static WebApplication UseOperatorConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapGet(SurfaceMap.ConsolePath + "/console.css", ServeStylesheet).ExcludeFromDescription();
        app.MapRazorComponents<App>();
        return app;
    }

    private static IResult ServeStylesheet(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        var css = typeof(OperatorConsoleExtensions).Assembly.GetManifestResourceStream("console.css")
            ?? throw new InvalidOperationException("The console's stylesheet is not embedded in its assembly.");
        return Results.Stream(css, "text/css; charset=utf-8");
    }
}
