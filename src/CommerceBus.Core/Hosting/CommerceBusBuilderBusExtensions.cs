using CommerceBus.Abstractions.Hosting;
using MassTransit;

namespace CommerceBus.Core.Hosting;

/// <summary>Lets a registration add consumers to the hub's bus (message-driven endpoints hosted beside the hub).</summary>
public static class CommerceBusBuilderBusExtensions
{
    public static ICommerceBusBuilder ConfigureBus(this ICommerceBusBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        var hub = builder as CommerceBusBuilder
            ?? throw new InvalidOperationException("ConfigureBus works on the builder that AddCommerceBus passes to its callback.");
        hub.BusRegistrations.Add(configure);
        return builder;
    }
}
