using CommerceBus.Core.Persistence;
using CommerceBus.Core.Retention;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Scheduling;

/// <summary>Registers the Hangfire scheduler (in memory by default, PostgreSQL with the hub's PostgreSQL) and its dashboard.</summary>
internal static class SchedulingServiceCollectionExtensions
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
            // The schema is installed by HangfireServerHost after the hub's own tables exist: EF Core creates those only
            // in a database without tables, and the dashboard creates this storage before the database initializer runs.
            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
            if (storage.UsesPostgreSql)
            {
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(storage.PostgreSql, options), options);
            }

            // In memory, a finished job costs RAM: Hangfire.InMemory keeps none longer than its 3-hour cap.
            var finishedJobs = sp.GetRequiredService<IOptions<RetentionOptions>>().Value.FinishedJobs;
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = finishedJobs < InMemoryCap ? finishedJobs : InMemoryCap });
        });
        services.AddSingleton<FailedJobRecorder>();
        services.AddSingleton<HubJobFilters>();
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<HubJobFilters>().Provider));
        services.AddHostedService<HangfireServerHost>();
        return services;
    }

    public static WebApplication UseHubSchedulerDashboard(this WebApplication app)
    {
        var dashboard = new DashboardOptions
        {
            // Who may open it is decided in front of it, by the host's operator policy (CommerceBus.Security); Hangfire's
            // own default would let only loopback callers in, which behind a same-host proxy means everyone.
            Authorization = [],
            AppPath = null,
            DisplayStorageConnectionString = false,
        };
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.Map(DashboardPath, branch => branch.UseMiddleware<AspNetCoreDashboardMiddleware>(storage, dashboard, DashboardRoutes.Routes));
        return app;
    }
}
