using CommerceBus.Contracts.Fulfillment;
using MassTransit;

namespace CommerceBus.Core.Dispatch;

/// <summary>Lets a module have the commands it sends on the bus delivered by the hub's router.</summary>
public static class RoutedCommandRegistration
{
    /// <summary>
    /// <typeparamref name="TCommand"/>, sent on the bus (by a module's saga), is routed by the hub's router and delivered
    /// to the endpoints its route names, with the endpoints' retries and parking (the dispatcher's queue).
    /// </summary>
    public static IBusRegistrationConfigurator AddRoutedCommand<TCommand>(this IBusRegistrationConfigurator bus)
        where TCommand : class, IOrderMessage
    {
        bus.AddConsumer<RoutedCommandConsumer<TCommand>>().Endpoint(e => e.Name = Bus.HubQueues.Dispatch);
        return bus;
    }
}
