using CommerceBus.Core.Scheduling;
using CommerceBus.Persistence;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>Runs the Hangfire server that fires scheduled messages, on the hub's job storage and service provider.</summary>
internal sealed class HangfireServerHost(JobStorage storage, IServiceScopeFactory scopes, HubJobFilters filters, IOptions<SchedulerOptions> options, IOptions<StorageOptions> database, IHubDatabaseProvider provider) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Value.UsesPostgreSql)
        {
            // Hangfire's installer is not safe against itself: hubs starting at once on one database fail in it
            // ("could not find tuple for constraint"). It runs under the hub's schema lock, one hub after another.
            await using var schemaLock = await provider.AcquireMigrationLockAsync(database.Value, cancellationToken);
            await PostgreSqlJobStorage.InstallAsync(database.Value, cancellationToken);
        }

        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = $"commercebus-{Environment.ProcessId}-{Guid.NewGuid():N}",
                WorkerCount = options.Value.WorkerCount,
                SchedulePollingInterval = options.Value.PollingInterval,
                Activator = new ServiceProviderJobActivator(scopes),
                FilterProvider = filters.Provider,
            },
            storage);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        _server.SendStop();
        try
        {
            await _server.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout passed; a job cut short is run again by the next start (Hangfire retries it).
        }
    }

    public void Dispose() => _server?.Dispose();
}
