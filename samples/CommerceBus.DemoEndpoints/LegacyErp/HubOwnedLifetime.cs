using Microsoft.Extensions.Hosting;

namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>
/// The lifetime of an ERP server hosted inside the hub's process: it does not listen for Ctrl+C or SIGTERM itself,
/// because the hub owns the process and stops the ERP servers when it stops.
/// </summary>
internal sealed class HubOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
