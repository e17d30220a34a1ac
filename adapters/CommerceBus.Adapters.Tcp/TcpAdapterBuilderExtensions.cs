using CommerceBus.Abstractions.Hosting;
using CommerceBus.Adapters.Tcp.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.Tcp;

/// <summary>Registers the TCP adapter: its terminal listeners and the <c>tcp</c> connector kind.</summary>
public static class TcpAdapterBuilderExtensions
{
    public static ICommerceBusBuilder AddTcpAdapter(this ICommerceBusBuilder builder, Action<TcpAdapterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<TcpAdapterOptions>().Bind(builder.Configuration.GetSection("Adapters:Tcp"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TcpAdapterOptions>, TcpAdapterOptionsValidator>());
        options.ValidateOnStart();
        builder.AddConnector<TcpConnectorFactory>();
        return builder.AddInboundAdapter<TcpAdapter>();
    }
}
