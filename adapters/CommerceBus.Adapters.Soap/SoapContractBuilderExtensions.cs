using CommerceBus.Abstractions.Hosting;
using CommerceBus.Adapters.Soap.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Adapters.Soap;

/// <summary>Registers the SOAP contracts that <c>soap</c> endpoints name with their <c>Contract</c> setting.</summary>
public static class SoapContractBuilderExtensions
{
    /// <summary>Registers <typeparamref name="TContract"/> (a singleton, made from the container) under <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">Another contract is registered under that name.</exception>
    public static ICommerceBusBuilder AddSoapContract<TContract>(this ICommerceBusBuilder builder, string name)
        where TContract : class, ISoapContract
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var key = SoapContractName.KeyOf(name);
        if (builder.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, key) && d.ServiceType == typeof(ISoapContract)))
        {
            throw new InvalidOperationException($"A SOAP contract named '{name}' is already registered; contract names must be unique.");
        }

        builder.Services.AddKeyedSingleton<ISoapContract, TContract>(key);
        builder.Services.AddSingleton(new SoapContractName(name.Trim()));
        return builder;
    }
}
