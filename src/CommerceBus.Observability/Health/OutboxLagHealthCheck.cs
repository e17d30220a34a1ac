using CommerceBus.Observability.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CommerceBus.Observability.Health;

/// <summary>Ready only while the oldest unsent saga outbox message is younger than <see cref="ObservabilityOptions.OutboxLagThreshold"/>.</summary>
internal sealed class OutboxLagHealthCheck(HubStateSampler sampler, IOptions<ObservabilityOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.Value.OutboxLagThreshold;
        try
        {
            var state = await sampler.GetAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["pending"] = state.OutboxPending, ["oldestAgeSeconds"] = state.OldestOutboxAge?.TotalSeconds ?? 0 };
            return state.OldestOutboxAge is { } age && age > threshold
                ? HealthCheckResult.Unhealthy($"the oldest unsent outbox message is {age.TotalSeconds:0} s old (threshold {threshold.TotalSeconds:0} s)", data: data)
                : HealthCheckResult.Healthy($"{state.OutboxPending} pending", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the outbox cannot be read: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
