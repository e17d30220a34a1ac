using CommerceBus.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Adapters.Http;

/// <summary>Registers the outbound HTTP connector (endpoints use it with <c>"Connector": "http"</c>) and the contracts its endpoints name.</summary>
public static class HttpConnectorBuilderExtensions
{
    public static ICommerceBusBuilder AddHttpConnector(this ICommerceBusBuilder builder) => builder.AddConnector<HttpConnectorFactory>();

    /// <summary>Registers <typeparamref name="TContract"/> (a singleton, made from the container) under <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">Another contract is registered under that name.</exception>
    public static ICommerceBusBuilder AddHttpContract<TContract>(this ICommerceBusBuilder builder, string name)
        where TContract : class, IHttpContract
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var key = HttpContractName.KeyOf(name);
        if (builder.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, key) && d.ServiceType == typeof(IHttpContract)))
        {
            throw new InvalidOperationException($"An HTTP contract named '{name}' is already registered; contract names must be unique.");
        }

        builder.Services.AddKeyedSingleton<IHttpContract, TContract>(key);
        builder.Services.AddSingleton(new HttpContractName(name.Trim()));
        return builder;
    }
}
