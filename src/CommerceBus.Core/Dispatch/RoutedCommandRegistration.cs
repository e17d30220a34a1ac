using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Core.Dispatch;

/// <summary>Lets a module have the commands it sends on the bus delivered by the hub's router.</summary>
public static class RoutedCommandRegistration
{
    /// <summary>
    /// <typeparamref name="TCommand"/>, sent on the bus (by a module's saga), is routed by the hub's router and delivered
    /// to the endpoints its route names, with the endpoints' retries and parking (the dispatcher's queue).
    /// </summary>
    /// <param name="bus">The hub's bus registrations.</param>
    /// <param name="keyOf">The business key the command is about (an order number), for the journal, logs and parking.</param>
    /// <param name="instanceOf">The process instance the command belongs to (its saga's correlation id).</param>
    /// <param name="skipped">The reply the module hears when the command's route has no endpoints (the step is not needed).</param>
    public static IBusRegistrationConfigurator AddRoutedCommand<TCommand>(
        this IBusRegistrationConfigurator bus,
        Func<TCommand, string?> keyOf,
        Func<TCommand, Guid> instanceOf,
        Func<TCommand, SkippedRoute, object> skipped)
        where TCommand : class
    {
        bus.AddSingleton(new RoutedCommandShape<TCommand>(keyOf, instanceOf, skipped));
        bus.AddConsumer<RoutedCommandConsumer<TCommand>>().Endpoint(e => e.Name = Bus.HubQueues.Dispatch);
        return bus;
    }
}
