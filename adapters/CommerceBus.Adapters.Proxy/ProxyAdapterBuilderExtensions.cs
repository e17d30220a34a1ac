using CommerceBus.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Proxy;

/// <summary>Registers the HTTP pass-through proxy (<c>CommerceBus:Proxy</c>).</summary>
public static class ProxyAdapterBuilderExtensions
{
    public static ICommerceBusBuilder AddProxyAdapter(this ICommerceBusBuilder builder, Action<ProxyAdapterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<ProxyAdapterOptions>().Bind(builder.Configuration.GetSection("Proxy"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProxyAdapterOptions>, ProxyOptionsValidator>());
        builder.Services.AddHttpForwarder();
        return builder.AddInboundAdapter<ProxyAdapter>();
    }
}
