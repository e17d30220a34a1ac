using CommerceBus.Abstractions.Events;
using CommerceBus.Core.Hosting;

namespace CommerceBus.Core.Bus;

/// <summary>Adds the modules' outcome-event fan-outs to the bus, only when some adapter registered an observer.</summary>
internal static class EventFanout
{
    public static void AddWhenObserved(CommerceBusBuilder builder)
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(IHubEventObserver)))
        {
            return;
        }

        builder.BusRegistrations.AddRange(builder.EventFanouts);
    }
}
