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
        // Each request's start and end is work for the idle trim (a timestamp; nothing when the trim is off).
        var trim = app.Services.GetRequiredService<IdleMemoryTrim>();
        if (trim.IdleFor > TimeSpan.Zero)
        {
            app.Use(async (context, next) =>
            {
                trim.Touch();
                try
                {
                    await next(context);
                }
                finally
                {
                    trim.Touch();
                }
            });
        }

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
