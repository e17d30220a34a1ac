using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Abstractions.Outbound;

namespace CommerceBus.Adapters.Http;

/// <summary>
/// The circuit breaker of one endpoint as its resilience pipeline last reported a change: the one record of the
/// breaker's state. The pipeline's callbacks set it; the connector shows it (<see cref="ICircuitBreakingConnector"/>)
/// and each change is recorded on the <c>commercebus.breaker.state</c> gauge.
/// </summary>
internal sealed class BreakerWatch(string endpoint, TimeProvider clock)
{
    private CircuitBreakerStatus _status = new(CircuitBreakerState.Closed, clock.GetUtcNow(), null);

    public CircuitBreakerStatus Status => Volatile.Read(ref _status);

    public void Opened(string failure) => Set(CircuitBreakerState.Open, failure);

    // Half-open keeps the failure that opened it: the trial call has not answered yet.
    public void HalfOpened() => Set(CircuitBreakerState.HalfOpen, Status.OpenedBy);

    public void Closed() => Set(CircuitBreakerState.Closed, null);

    private void Set(CircuitBreakerState state, string? openedBy)
    {
        Volatile.Write(ref _status, new CircuitBreakerStatus(state, clock.GetUtcNow(), openedBy));
        HubTelemetry.BreakerState.Record((int)state, new KeyValuePair<string, object?>(HubAttributes.Labels.Endpoint, endpoint));
    }
}
