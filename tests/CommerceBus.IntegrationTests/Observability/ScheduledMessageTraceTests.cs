using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Sagas;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>
/// A message the scheduler delivers later (here the saga's step timeout, fired by the real Hangfire job) continues the
/// order's trace: the job's send span and everything the timeout causes (the stock release) are in the trace that
/// started at the REST request, not roots of new traces.
/// </summary>
public sealed class ScheduledMessageTraceTests
{
    [Fact]
    public async Task Step_timeout_fired_by_the_scheduler_continues_the_order_trace()
    {
        var spans = new SpanCollection();
        await using var hub = await TestHub.StartAsync(StepTimeoutTests.GatedSettings(TimeSpan.FromSeconds(1)), configureServices: services =>
        {
            services.AddSingleton(new PaymentsGate());
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        });
        var order = Orders.Valid();
        var number = order.OrderNumber!;
        await StepTimeoutTests.PlaceAsync(hub, order);
        Assert.Equal("Failed", (await hub.WaitForStatusAsync(number, "Failed", "Completed"))!.Status);

        // The order's trace: the one its intake's delivery to the saga belongs to.
        var toSaga = await Eventually.MatchAsync(
            () => Task.FromResult(OfOrder(spans.Snapshot(), number).FirstOrDefault(s => s.DisplayName == "deliver order-fulfillment")),
            span => span is not null,
            $"the span of order {number}'s delivery to the saga");
        var traceId = toSaga!.TraceId;

        // Reserve, then release after the timeout: both deliveries to inventory, and the scheduler's send between them.
        var inventory = await Eventually.MatchAsync(
            () => Task.FromResult(OfOrder(spans.Snapshot(), number).Where(s => s.DisplayName == "deliver inventory").ToList()),
            found => found.Count >= 2,
            $"two deliveries to inventory of order {number} (reserve, and the release after the payment timed out)");
        Assert.All(inventory, span => Assert.True(span.TraceId == traceId,
            $"delivery {span.DisplayName} started at {span.StartTimeUtc:O} is in trace {span.TraceId}, not the order's {traceId}: " +
            "the scheduled timeout started a new trace; check that ScheduledMessageJob restores the traceparent stored with the job"));

        var fired = await Eventually.MatchAsync(
            () => Task.FromResult(spans.OfTrace(traceId).FirstOrDefault(s => s.DisplayName.StartsWith("scheduler send ", StringComparison.Ordinal))),
            span => span is not null,
            $"the scheduler's send span in order {number}'s trace {traceId}");
        Assert.NotEqual(default, fired!.ParentSpanId);
        Assert.True(inventory.Max(s => s.StartTimeUtc) > fired.StartTimeUtc, "the stock release follows the timeout the scheduler sent");
    }

    private static IEnumerable<Activity> OfOrder(IEnumerable<Activity> spans, string orderNumber) =>
        spans.Where(s => Equals(s.GetTagItem(HubAttributes.OrderNumber), orderNumber));
}
