using System.Diagnostics.Metrics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Core.Bus;
using CommerceBus.Core.Retention;
using CommerceBus.Observability.Heartbeats;
using Microsoft.Extensions.Hosting;

using Labels = CommerceBus.Abstractions.Diagnostics.SpanAttributes.Labels;

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
    EndpointHeartbeats heartbeats) : IHostedService
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
        meter.CreateObservableGauge("commercebus.endpoint.up", () =>
            heartbeats.States.Select(s => new Measurement<int>(s.Value.IsUp ? 1 : 0, new KeyValuePair<string, object?>(Labels.Endpoint, s.Key))),
            "{endpoint}", "1 while the business endpoint answered its latest heartbeat probe, else 0.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static double Seconds(TimeSpan? age) => age is { } value && value > TimeSpan.Zero ? value.TotalSeconds : 0;
}
