using CommerceBus.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Core.Dispatch.Recoverability;

/// <summary>
/// Fails start-up on a bad <c>Retries</c> setting (naming it): the endpoints' retry policies are read now, not at the
/// first delivery. (Whether they suit a module's own timeouts is the module's check.)
/// </summary>
internal sealed class RetryPolicyStartupCheck(IServiceProvider services) : StartupCheck
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<RetryPolicies>();
        return Task.CompletedTask;
    }
}
