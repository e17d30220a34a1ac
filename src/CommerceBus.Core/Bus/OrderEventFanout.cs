using CommerceBus.Abstractions.Events;
using CommerceBus.Core.Hosting;

namespace CommerceBus.Core.Bus;

/// <summary>Adds the outcome-event fan-out to the bus, only when some adapter registered an observer.</summary>
internal static class OrderEventFanout
{
    public static void AddWhenObserved(CommerceBusBuilder builder)
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(IOrderEventObserver)))
        {
            return;
        }

        builder.BusRegistrations.Add(bus => bus.AddConsumer<OrderEventFanoutConsumer>().Endpoint(e => e.Name = OrderEventFanoutConsumer.Queue));
    }
}
