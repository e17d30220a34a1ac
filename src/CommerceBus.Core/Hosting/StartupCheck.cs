using Microsoft.Extensions.Hosting;

namespace CommerceBus.Core.Hosting;

/// <summary>
/// A check that runs when the host is starting, before any hosted service's <c>StartAsync</c>: one that throws stops the
/// start, so nothing takes a message on a bad configuration. The other lifecycle steps do nothing.
/// </summary>
public abstract class StartupCheck : IHostedLifecycleService
{
    public abstract Task StartingAsync(CancellationToken cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
