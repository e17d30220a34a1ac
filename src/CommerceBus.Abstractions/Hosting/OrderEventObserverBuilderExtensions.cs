using CommerceBus.Abstractions.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommerceBus.Abstractions.Hosting;

/// <summary>Lets an adapter hear the outcome events of orders without knowing the hub's bus.</summary>
public static class OrderEventObserverBuilderExtensions
{
    /// <summary>Registers an observer once; the hub then forwards every order outcome event to it.</summary>
    public static ICommerceBusBuilder AddOrderEventObserver<TObserver>(this ICommerceBusBuilder builder)
        where TObserver : class, IOrderEventObserver
    {
        builder.Services.TryAddSingleton<TObserver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOrderEventObserver, TObserver>(sp => sp.GetRequiredService<TObserver>()));
        return builder;
    }
}
