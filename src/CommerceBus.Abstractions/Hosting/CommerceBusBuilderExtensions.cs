using CommerceBus.Abstractions.Inbound;
using CommerceBus.Abstractions.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommerceBus.Abstractions.Hosting;

/// <summary>The registration steps adapters use inside their <c>AddXxxAdapter</c> methods.</summary>
public static class CommerceBusBuilderExtensions
{
    /// <summary>Registers an inbound adapter once; the host starts it after the hub is ready.</summary>
    public static ICommerceBusBuilder AddInboundAdapter<TAdapter>(this ICommerceBusBuilder builder)
        where TAdapter : class, IInboundAdapter
    {
        builder.Services.TryAddSingleton<TAdapter>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInboundAdapter, TAdapter>(sp => sp.GetRequiredService<TAdapter>()));
        return builder;
    }

    /// <summary>Registers a connector kind once; endpoints name it in configuration.</summary>
    public static ICommerceBusBuilder AddConnector<TFactory>(this ICommerceBusBuilder builder)
        where TFactory : class, IConnectorFactory
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorFactory, TFactory>());
        return builder;
    }
}
