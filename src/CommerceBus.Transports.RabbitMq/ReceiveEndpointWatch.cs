using System.Collections.Concurrent;
using MassTransit;


namespace CommerceBus.Transports.RabbitMq;

/// <summary>
/// Follows the state MassTransit reports for each receive endpoint of the hub's bus (ready, stopping, completed,
/// faulted) and keeps the endpoint itself, so that <see cref="ReceiveEndpointWatchdog"/> can restart one.
/// </summary>
/// <remarks>
/// Only endpoints that have been ready once are listed: one still starting is the bus's start-up, not a lost consumer.
/// MassTransit reports an endpoint "completed" only once every message in flight on its closed channel has finished, so
/// a stuck message leaves it "ready" to this observer although the broker shows no consumer; the watchdog therefore
/// asks the broker too (<see cref="QueueConsumerProbe"/>).
/// </remarks>
internal sealed class ReceiveEndpointWatch(TimeProvider clock) : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<Uri, WatchedEndpoint> _endpoints = new();

    /// <summary>The endpoints that have been ready at least once.</summary>
    public IReadOnlyCollection<WatchedEndpoint> Endpoints => [.. _endpoints.Values];

    public Task Ready(ReceiveEndpointReady ready)
    {
        var watched = _endpoints.GetOrAdd(ready.InputAddress, address => new WatchedEndpoint(address, ready.ReceiveEndpoint));
        watched.Set(ready.ReceiveEndpoint, isReady: true, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => NotReady(stopping);

    public Task Completed(ReceiveEndpointCompleted completed) => NotReady(completed);

    public Task Faulted(ReceiveEndpointFaulted faulted) => NotReady(faulted);

    private Task NotReady(ReceiveEndpointEvent e)
    {
        if (_endpoints.TryGetValue(e.InputAddress, out var watched))
        {
            watched.Set(e.ReceiveEndpoint, isReady: false, clock.GetUtcNow());
        }

        return Task.CompletedTask;
    }
}
