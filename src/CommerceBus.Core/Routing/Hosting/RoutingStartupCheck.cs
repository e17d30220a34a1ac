using CommerceBus.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Core.Routing.Hosting;

/// <summary>Fails host start-up when the routing table is invalid, before any other hosted service starts taking messages.</summary>
internal sealed class RoutingStartupCheck(IServiceProvider services) : StartupCheck
{
    // Resolving the source (the routing-only one, or the host's topology) builds and validates the table; it throws RoutingConfigurationException listing every
    // problem. StartingAsync runs before any hosted service's StartAsync, so no bus consumer sees an unrouted message.
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IRoutingTableSource>();
        return Task.CompletedTask;
    }
}
