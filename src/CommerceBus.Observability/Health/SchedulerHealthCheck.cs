using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommerceBus.Observability.Health;

/// <summary>
/// Ready only while this process's scheduler server (Hangfire, which runs step timeouts and delayed redeliveries) is
/// registered with its storage and its heartbeat is recent.
/// </summary>
internal sealed class SchedulerHealthCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    // Hangfire beats every 30 s by default; two missed beats mean the server is gone.
    private static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromSeconds(75);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var prefix = $"commercebus-{Environment.ProcessId}-";
            var now = clock.GetUtcNow().UtcDateTime;
            var ours = storage.GetMonitoringApi().Servers().Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (ours.Count == 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("the scheduler server of this process is not running"));
            }

            var latest = ours.Max(s => s.Heartbeat ?? s.StartedAt);
            return Task.FromResult(now - latest <= MaxHeartbeatAge
                ? HealthCheckResult.Healthy($"running, last heartbeat {latest:O}")
                : HealthCheckResult.Unhealthy($"no heartbeat since {latest:O}"));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the scheduler storage cannot be read: {ex.GetType().Name}: {ex.Message}"));
        }
    }
}
