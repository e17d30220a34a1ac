using CommerceBus.Abstractions.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Core.Hosting;

/// <summary>
/// Lets a registration add to the hub's bus: consumers of message-driven endpoints hosted beside the hub and a module's
/// sagas (the commands a saga sends are routed with <c>AddRoutedCommand</c>, in <c>CommerceBus.Core.Dispatch</c>).
/// </summary>
public static class CommerceBusBuilderBusExtensions
{
    public static ICommerceBusBuilder ConfigureBus(this ICommerceBusBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        Hub(builder).BusRegistrations.Add(configure);
        return builder;
    }

    /// <summary>
    /// A message that fails for good on the receive endpoint <paramref name="queue"/> (a module's saga) is parked in the
    /// failed-message store, where an operator can retry it, rather than left in the queue's error queue.
    /// </summary>
    public static ICommerceBusBuilder ParkFailuresOf(this ICommerceBusBuilder builder, string queue)
    {
        Hub(builder).StoredFailureQueues.Add(queue);
        return builder;
    }

    /// <summary>
    /// Adds a module's outcome-event fan-out (a consumer of its events that forwards each to every
    /// <c>IHubEventObserver</c>) to the bus, only when an adapter registered an observer, so a hub nobody watches has
    /// no such queue.
    /// </summary>
    public static ICommerceBusBuilder AddEventFanout(this ICommerceBusBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        Hub(builder).EventFanouts.Add(configure);
        return builder;
    }

    /// <summary>Adds a hosted service that sends on the bus (a module's recovery): it starts after the bus has started.</summary>
    public static ICommerceBusBuilder AddHostedServiceAfterBus<THostedService>(this ICommerceBusBuilder builder)
        where THostedService : class, Microsoft.Extensions.Hosting.IHostedService
    {
        Hub(builder).AfterBus.Add(services => services.AddHostedService<THostedService>());
        return builder;
    }

    private static CommerceBusBuilder Hub(ICommerceBusBuilder builder) =>
        builder as CommerceBusBuilder
            ?? throw new InvalidOperationException("Bus registrations work on the builder that AddCommerceBus passes to its callback.");
}
