using CommerceBus.Core.Retention;
using CommerceBus.Core.Scheduling;
using CommerceBus.Persistence;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>Registers the Hangfire scheduler (in memory by default, PostgreSQL with the hub's PostgreSQL) and its dashboard.</summary>
public static class SchedulingServiceCollectionExtensions
{
    public const string DashboardPath = "/hangfire";

    private static readonly TimeSpan InMemoryCap = TimeSpan.FromHours(3);

    public static IServiceCollection AddHubScheduler(this IServiceCollection services)
    {
        // The hub's own storage, client, server and dashboard, never Hangfire's globals (AddHangfire sets its process-wide
        // log provider to the first host's logger factory): several hubs may share a process, as they do in tests.
        services.AddSingleton<JobStorage>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (storage.UsesPostgreSql)
            {
                // In a method of its own, so that a hub on the embedded default never loads Hangfire.PostgreSql or Npgsql.
                return PostgreSqlJobStorage.Create(storage);
            }

            // In memory, a finished job costs RAM: Hangfire.InMemory keeps none longer than its 3-hour cap.
            var finishedJobs = sp.GetRequiredService<IOptions<RetentionOptions>>().Value.FinishedJobs;
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = finishedJobs < InMemoryCap ? finishedJobs : InMemoryCap });
        });
        services.AddSingleton<FailedJobRecorder>();
        services.AddSingleton<HubJobFilters>();
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<HubJobFilters>().Provider));
        services.AddSingleton<IScheduledMessageJobs, HangfireScheduledMessageJobs>();
        services.AddHostedService<HangfireServerHost>();
        return services;
    }

    /// <summary>The role that may change things on the dashboard (CommerceBus.Security's <c>SecurityRoles.Operator</c>).</summary>
    private const string OperatorRole = "operator";

    public static WebApplication UseHubSchedulerDashboard(this WebApplication app)
    {
        var dashboard = new DashboardOptions
        {
            // Who may open it is decided in front of it, by the host's operator policy (CommerceBus.Security); Hangfire's
            // own default would let only loopback callers in, which behind a same-host proxy means everyone.
            Authorization = [],

            // The host lets operators and viewers in; a viewer (an authenticated client without the operator role)
            // sees the dashboard read-only: no buttons, and Hangfire refuses its commands. Protected mode's anonymous
            // local caller is the operator of a laptop hub.
            IsReadOnlyFunc = context => context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && !user.IsInRole(OperatorRole),
            AppPath = null,
            DisplayStorageConnectionString = false,
        };
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.Map(DashboardPath, branch => branch.UseMiddleware<AspNetCoreDashboardMiddleware>(storage, dashboard, DashboardRoutes.Routes));
        return app;
    }
}
