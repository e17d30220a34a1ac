using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Hosting;

/// <summary>
/// Fails start-up on an unusable endpoint, route or retry setting (naming each): the topology is built now, not at the
/// first delivery. (Whether the retry policies suit a module's own timeouts is the module's check.)
/// </summary>
internal sealed class TopologyStartupCheck(IServiceProvider services) : StartupCheck
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<EndpointTopology>();
        return Task.CompletedTask;
    }
}
