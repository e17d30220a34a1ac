using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommerceBus.Routing.Hosting;

/// <summary>Fails host start-up when the routing table is invalid, before any other hosted service starts taking messages.</summary>
/// <remarks>Runs in <c>StartingAsync</c>, before any hosted service's <c>StartAsync</c>; the other lifecycle steps do nothing.</remarks>
internal sealed class RoutingStartupCheck(IServiceProvider services) : IHostedLifecycleService
{
    // Resolving the source (the routing-only one, or the host's topology) builds and validates the table; it throws
    // listing every problem. StartingAsync runs before any hosted service's StartAsync, so no bus consumer sees an
    // unrouted message.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IRoutingTableSource>();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
