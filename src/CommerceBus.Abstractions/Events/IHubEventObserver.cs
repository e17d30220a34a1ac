namespace CommerceBus.Abstractions.Events;

/// <summary>
/// Hears the outcome events the hub's modules announce (for the order business: every order accepted, completed, failed
/// or cancelled), for adapters whose wire reports outcomes asynchronously, such as the AMQP adapter's
/// <c>commerce.events</c> exchange.
/// </summary>
/// <remarks>
/// Delivery is at least once: a failure (the observer throws) is retried by the hub's bus, so an observer may hear the
/// same event again; <see cref="HubEventNotice.EventId"/> stays the same across such retries.
/// </remarks>
public interface IHubEventObserver
{
    Task OnEventAsync(HubEventNotice notice, CancellationToken cancellationToken);
}
