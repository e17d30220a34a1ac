using System.Diagnostics;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Recoverability;
using CommerceBus.IntegrationTests.Sagas;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>
/// A message the scheduler delivers later (here a step command's delayed redelivery, sent by the real Hangfire job)
/// continues the order's trace: the job's send span and the redelivery it causes are in the trace that started at the
/// REST request, not roots of new traces.
/// </summary>
public sealed class ScheduledMessageTraceTests
{
    [Fact]
    public async Task Redelivery_sent_by_the_scheduler_continues_the_order_trace()
    {
        var spans = new SpanCollection();
        var payments = new PoisonPayments();
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Endpoints:payments:Connector"] = "poison",
            ["CommerceBus:Endpoints:payments:Retries:Immediate"] = "0",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:0"] = "00:00:01",
        };
        await using var hub = await TestHub.StartAsync(settings, configureServices: services =>
        {
            services.AddSingleton<IConnectorFactory>(payments);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        });
        var order = Orders.Valid();
        var number = order.OrderNumber!;
        payments.Broken[number] = true;
        await StepTimeoutTests.PlaceAsync(hub, order);

        // The order's trace: the one its intake's delivery to the saga belongs to.
        var toSaga = await Eventually.MatchAsync(
            () => Task.FromResult(OfOrder(spans.Snapshot(), number).FirstOrDefault(s => s.DisplayName == "deliver order-fulfillment")),
            span => span is not null,
            $"the span of order {number}'s delivery to the saga");
        var traceId = toSaga!.TraceId;

        // The capture fails, is redelivered by the scheduler a second later and fails again: both tries in the order's trace.
        var captures = await Eventually.MatchAsync(
            () => Task.FromResult(OfOrder(spans.Snapshot(), number).Where(s => s.DisplayName == "deliver payments").ToList()),
            found => found.Count >= 2,
            $"two deliveries to payments of order {number} (the capture, and its redelivery through the scheduler)");
        Assert.All(captures, span => Assert.True(span.TraceId == traceId,
            $"delivery {span.DisplayName} started at {span.StartTimeUtc:O} is in trace {span.TraceId}, not the order's {traceId}: " +
            "the scheduled redelivery started a new trace; check that ScheduledMessageJob restores the traceparent stored with the job"));

        var fired = await Eventually.MatchAsync(
            () => Task.FromResult(spans.OfTrace(traceId).FirstOrDefault(s => s.DisplayName.StartsWith("scheduler send ", StringComparison.Ordinal))),
            span => span is not null,
            $"the scheduler's send span in order {number}'s trace {traceId}");
        Assert.NotEqual(default, fired!.ParentSpanId);
        Assert.True(captures.Max(s => s.StartTimeUtc) > fired.StartTimeUtc, "the redelivered capture follows the scheduler's send");
    }

    private static IEnumerable<Activity> OfOrder(IEnumerable<Activity> spans, string orderNumber) =>
        spans.Where(s => Equals(s.GetTagItem(HubAttributes.OrderNumber), orderNumber));
}
