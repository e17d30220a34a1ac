using CommerceBus.Abstractions.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommerceBus.Abstractions.Hosting;

/// <summary>Lets an adapter hear the modules' outcome events without knowing the hub's bus.</summary>
public static class HubEventObserverBuilderExtensions
{
    /// <summary>Registers an observer once; the hub then forwards every outcome event its modules announce to it.</summary>
    public static ICommerceBusBuilder AddEventObserver<TObserver>(this ICommerceBusBuilder builder)
        where TObserver : class, IHubEventObserver
    {
        builder.Services.TryAddSingleton<TObserver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubEventObserver, TObserver>(sp => sp.GetRequiredService<TObserver>()));
        return builder;
    }
}
