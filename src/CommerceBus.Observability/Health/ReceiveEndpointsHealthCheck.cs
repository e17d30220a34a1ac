using CommerceBus.Transports.RabbitMq;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommerceBus.Observability.Health;

/// <summary>
/// Ready only while every receive endpoint of the hub's bus is consuming, as MassTransit reports it
/// (<see cref="ReceiveEndpointWatch"/>); on RabbitMQ an endpoint is not ready while the broker is away, so this is
/// also the broker connection check.
/// </summary>
internal sealed class ReceiveEndpointsHealthCheck(ReceiveEndpointWatch watch, bool onBroker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoints = watch.Endpoints.Select(e => (e.Queue, e.State)).OrderBy(e => e.Queue, StringComparer.Ordinal).ToList();
        var data = endpoints.ToDictionary(
            e => e.Queue,
            e => (object)$"{(e.State.IsReady ? "consuming" : "not consuming")} since {e.State.Since:O}");
        var stopped = endpoints.Where(e => !e.State.IsReady).Select(e => e.Queue).ToList();
        if (endpoints.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("no receive endpoint has started consuming yet", data: data));
        }

        if (stopped.Count > 0)
        {
            var why = onBroker ? " (is the broker reachable?)" : "";
            return Task.FromResult(HealthCheckResult.Unhealthy($"not consuming: {string.Join(", ", stopped)}{why}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{endpoints.Count} receive endpoints consuming{(onBroker ? " from the broker" : "")}", data));
    }
}
