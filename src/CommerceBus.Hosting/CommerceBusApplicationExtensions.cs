using CommerceBus.Abstractions.Inbound;
using CommerceBus.Operations;
using CommerceBus.Routing;
using CommerceBus.Scheduling.Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Hosting;

/// <summary>Puts the hub's HTTP surface on the application: the HTTP adapters' routes, route explain, health and the scheduler dashboard.</summary>
public static class CommerceBusApplicationExtensions
{
    public static WebApplication UseCommerceBus(this WebApplication app)
    {
        var httpAdapters = app.Services.GetServices<IInboundAdapter>().OfType<IHttpInboundAdapter>().ToList();
        foreach (var adapter in httpAdapters)
        {
            adapter.UseMiddleware(app);
        }

        foreach (var adapter in httpAdapters)
        {
            adapter.MapEndpoints(app);
        }

        app.MapRouteExplain();
        app.MapFailedMessagesApi();
        app.UseHubSchedulerDashboard();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
