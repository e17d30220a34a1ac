using CommerceBus.Observability.Heartbeats;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommerceBus.Observability.Health;

/// <summary>
/// The business endpoints' heartbeats in the readiness detail. A stopped endpoint makes the hub degraded, not unready:
/// the hub still accepts orders and retries the deliveries, so it must not be taken out of a load balancer for it.
/// </summary>
internal sealed class EndpointHeartbeatsHealthCheck(EndpointHeartbeats heartbeats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = heartbeats.States.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var data = states.ToDictionary(
            s => s.Key,
            s => (object)new { up = s.Value.IsUp, since = s.Value.Since, checkedAt = s.Value.CheckedAt, probe = s.Value.Probe, lastError = s.Value.LastError });
        var down = states.Where(s => !s.Value.IsUp).Select(s => s.Key).ToList();
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy($"{states.Count} endpoints answer their heartbeat", data)
            : HealthCheckResult.Degraded($"down: {string.Join(", ", down)}", data: data));
    }
}
