using System.Diagnostics.Metrics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Core.Bus;
using CommerceBus.Transports.RabbitMq;
using CommerceBus.Core.Retention;
using CommerceBus.Observability.Heartbeats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using Labels = CommerceBus.Abstractions.Diagnostics.HubAttributes.Labels;

namespace CommerceBus.Observability.Metrics;

/// <summary>
/// The hub's state gauges, read when a reader collects them (a Prometheus scrape, an OTLP export): sagas per state,
/// the oldest waiting step, the outbox, failed messages, the inbox and journal sizes the retention job counted, the
/// broker connection and each endpoint's heartbeat.
/// </summary>
/// <remarks>
/// They are on a meter of this hub's own (from <see cref="IMeterFactory"/>, named like <see cref="HubTelemetry.Meter"/>),
/// so that a second hub in the same process (the tests start many) reports its own tables, and the callbacks go with the hub.
/// </remarks>
internal sealed class HubStateMetrics(
    IMeterFactory meters,
    HubStateSampler sampler,
    RetentionSweeper retention,
    ReceiveEndpointWatch endpoints,
    EndpointHeartbeats heartbeats,
    IConfiguration configuration,
    HealthCheckService health,
    IOptions<ObservabilityOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create(HubTelemetry.Name);
        meter.CreateObservableGauge("commercebus.sagas", () =>
            sampler.GetForCallback().SagasByState.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>(Labels.State, s.Key))),
            "{saga}", "Order sagas, by state.");
        meter.CreateObservableGauge("commercebus.saga.waiting_step.oldest_age", () =>
            Seconds(sampler.GetForCallback().OldestWaitingStepAge), "s", "How long the saga that has waited longest for its step's reply has waited (0 when none waits).");
        meter.CreateObservableGauge("commercebus.saga.step_timeout.headroom", () =>
            sampler.GetForCallback().SmallestStepDeadlineHeadroom is { } headroom ? [new Measurement<double>(headroom.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Time left before the nearest step timeout of a waiting saga (absent when none waits).");
        meter.CreateObservableGauge("commercebus.outbox.pending", () => sampler.GetForCallback().OutboxPending,
            "{message}", "Saga outbox messages committed but not yet confirmed sent.");
        meter.CreateObservableGauge("commercebus.outbox.oldest_age", () => Seconds(sampler.GetForCallback().OldestOutboxAge),
            "s", "Age of the oldest unsent saga outbox message (0 when the outbox is empty).");
        meter.CreateObservableGauge("commercebus.failed_messages", () =>
            sampler.GetForCallback().FailedMessagesByStatus.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>(Labels.Status, s.Key))),
            "{message}", "Failed messages in the store, by status (Failed, Retried, Discarded).");
        meter.CreateObservableGauge("commercebus.table.rows", () =>
            retention.TableRows.Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>("table", t.Key))),
            "{row}", "Rows in the journal and the inbox, counted by the retention job after each run.");
        meter.CreateObservableGauge("commercebus.receive_endpoints.ready", () =>
            endpoints.Endpoints.Select(e => new Measurement<int>(e.State.IsReady ? 1 : 0, new KeyValuePair<string, object?>("queue", e.Queue))),
            "{endpoint}", "1 while the bus reports the receive endpoint consuming (on RabbitMQ: connected to the broker), else 0.");
        if (RabbitMqBusOptions.From(configuration.GetSection("CommerceBus")).Enabled)
        {
            meter.CreateObservableGauge("commercebus.broker.connected", () =>
                endpoints.Endpoints is { Count: > 0 } watched && watched.All(e => e.State.IsReady) ? 1 : 0,
                "{connection}", "1 while every receive endpoint consumes from the broker (the bus is connected), else 0; only on RabbitMQ.");
        }

        meter.CreateObservableGauge("commercebus.endpoint.up", () =>
            heartbeats.States.Select(s => new Measurement<int>(s.Value.IsUp ? 1 : 0, new KeyValuePair<string, object?>(Labels.Endpoint, s.Key))),
            "{endpoint}", "1 while the business endpoint answered its latest heartbeat probe, else 0.");
        meter.CreateObservableGauge("commercebus.health.check.status", () =>
            ReadinessForCallback().Entries.Select(e => new Measurement<int>((int)e.Value.Status, new KeyValuePair<string, object?>("check", e.Key))),
            "{status}", "Each readiness check as /health/ready last ran it: 2 healthy, 1 degraded, 0 unhealthy.");
        meter.CreateObservableGauge("commercebus.ready", () => ReadinessForCallback().Status == HealthStatus.Unhealthy ? 0 : 1,
            "{status}", "1 while /health/ready answers 200, else 0.");
        return Task.CompletedTask;
    }

    private HealthReport? _readiness;
    private long _readinessTakenAt;

    /// <summary>Runs the readiness checks for a scrape, at most once per <see cref="ObservabilityOptions.StateSampleMaxAge"/> (both gauges of a scrape share a run).</summary>
    private HealthReport ReadinessForCallback()
    {
        if (_readiness is { } recent && System.Diagnostics.Stopwatch.GetElapsedTime(_readinessTakenAt) < TimeSpan.FromTicks(Math.Max(options.Value.StateSampleMaxAge.Ticks, TimeSpan.TicksPerSecond)))
        {
            return recent;
        }

        var report = health.CheckHealthAsync(c => c.Tags.Contains(ObservabilityServiceCollectionExtensions.ReadyTag)).GetAwaiter().GetResult();
        (_readiness, _readinessTakenAt) = (report, System.Diagnostics.Stopwatch.GetTimestamp());
        return report;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static double Seconds(TimeSpan? age) => age is { } value && value > TimeSpan.Zero ? value.TotalSeconds : 0;
}
