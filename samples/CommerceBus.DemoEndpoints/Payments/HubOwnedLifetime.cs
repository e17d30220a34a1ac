using Microsoft.Extensions.Hosting;

namespace CommerceBus.DemoEndpoints.Payments;

/// <summary>
/// The lifetime of the Payments server hosted inside the hub's process: it does not listen for Ctrl+C or SIGTERM
/// itself, because the hub owns the process and stops the server when it stops.
/// </summary>
internal sealed class HubOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
