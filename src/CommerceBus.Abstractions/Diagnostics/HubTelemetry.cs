using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CommerceBus.Abstractions.Diagnostics;

/// <summary>The hub's own <see cref="ActivitySource"/> and the instruments the engine and adapters record on, all named <see cref="Name"/>.</summary>
/// <remarks>
/// They live here, beside the adapter seam, because adapters and the engine record on them while only the
/// observability project (CommerceBus.Observability) exports them: without a listener an activity is not even created
/// and a measurement costs a branch. Labels are bounded sets (adapter, endpoint and route names from configuration,
/// outcomes); order numbers go on spans only, never on metrics.
/// </remarks>
public static class HubTelemetry
{
    /// <summary>The name of the hub's activity source and meter.</summary>
    public const string Name = "CommerceBus";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> MessagesIn = Meter.CreateCounter<long>(
        "commercebus.messages.in", "{message}", "Commands an inbound adapter handed to the hub, by adapter and the hub's answer.");

    public static readonly Counter<long> RoutingDecisions = Meter.CreateCounter<long>(
        "commercebus.routing.decisions", "{decision}", "Routing decisions, by the route (rule names) chosen; 'unroutable' when none took the message.");

    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "commercebus.deliveries", "{delivery}", "Deliveries to business endpoints, by endpoint and outcome (delivered, failed).");

    public static readonly Histogram<double> DeliveryDuration = Meter.CreateHistogram<double>(
        "commercebus.delivery.duration", "s", "How long one delivery to a business endpoint took, by endpoint and outcome.");

    public static readonly Counter<long> DeliveryRetries = Meter.CreateCounter<long>(
        "commercebus.delivery.retries", "{retry}", "Deliveries tried again, by endpoint and kind (immediate, delayed).");

    public static readonly Gauge<int> BreakerState = Meter.CreateGauge<int>(
        "commercebus.breaker.state", "{state}", "The circuit breaker of an HTTP endpoint: 0 closed, 1 open, 2 half-open (absent until it first opens).");

    public static readonly Counter<long> ProxyRequests = Meter.CreateCounter<long>(
        "commercebus.proxy.requests", "{request}", "Requests the HTTP pass-through proxy served, by proxy route and outcome (forwarded, refused, failed).");

    public static readonly Histogram<double> ProxyRequestDuration = Meter.CreateHistogram<double>(
        "commercebus.proxy.request.duration", "s", "How long the proxy took from a request's routing to the destination's answer forwarded (or the refusal), by proxy route and outcome.");

    public static readonly Counter<long> DutyRuns = Meter.CreateCounter<long>(
        "commercebus.duty.runs", "{run}", "Runs of the periodic duties (stalled-redrive, outbox-sweep, retention, startup-recovery) on this hub, by duty and outcome (ok, failed).");

    /// <summary>Starts a span of the hub named <paramref name="name"/>, or returns null when nobody listens.</summary>
    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal, ActivityContext parent = default) =>
        Source.StartActivity(name, kind, parent);
}
