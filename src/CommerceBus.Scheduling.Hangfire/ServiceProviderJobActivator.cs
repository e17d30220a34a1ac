using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>Creates Hangfire jobs from the hub's own service provider, one scope per job.</summary>
/// <remarks>Not Hangfire's global activator: several hubs may run in one process (tests), each with its own bus.</remarks>
internal sealed class ServiceProviderJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
