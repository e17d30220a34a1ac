using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CommerceBus.Core.Bus;

namespace CommerceBus.Transports.RabbitMq;

/// <summary>Registers the hub's own supervision of its receive endpoints on RabbitMQ.</summary>
public static class RabbitMqTransportServiceCollectionExtensions
{
    /// <summary>
    /// An endpoint the broker shows without a consumer is logged and restarted (<see cref="ReceiveEndpointWatchdog"/>);
    /// the watch follows every endpoint's state, the watchdog runs only with the bus on RabbitMQ.
    /// </summary>
    public static IServiceCollection AddReceiveEndpointWatchdog(this IServiceCollection services, IConfiguration commerceBus)
    {
        services.AddSingleton<ReceiveEndpointWatch>();
        services.AddReceiveEndpointObserver(sp => sp.GetRequiredService<ReceiveEndpointWatch>());
        if (RabbitMqBusOptions.From(commerceBus).Enabled)
        {
            services.AddHostedService<ReceiveEndpointWatchdog>();
        }

        return services;
    }
}
