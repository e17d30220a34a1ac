using CommerceBus.Abstractions.Hosting;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Inbound;
using CommerceBus.Adapters.Soap.Outbound;
using CommerceBus.Adapters.Soap.Wsdl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SoapCore;
using SoapCore.Extensibility;

namespace CommerceBus.Adapters.Soap;

/// <summary>Registers the SOAP adapter: the legacy OrderService inbound and the <c>soap</c> connector kind outbound (its contracts: <see cref="SoapContractBuilderExtensions"/>).</summary>
public static class SoapAdapterBuilderExtensions
{
    public const int MaxBodyBytesCeiling = 16 * 1024 * 1024;

    public static ICommerceBusBuilder AddSoapAdapter(this ICommerceBusBuilder builder, Action<SoapAdapterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<SoapAdapterOptions>().Bind(builder.Configuration.GetSection("Adapters:Soap"));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxBodyBytes is > 0 and <= MaxBodyBytesCeiling, $"CommerceBus:Adapters:Soap:MaxBodyBytes must be from 1 to {MaxBodyBytesCeiling}")
            .Validate(o => o.Path.StartsWith('/') && o.Path.Length > 1, "CommerceBus:Adapters:Soap:Path must start with '/'")
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicAddress) || Uri.TryCreate(o.PublicAddress, UriKind.Absolute, out _), "CommerceBus:Adapters:Soap:PublicAddress must be an absolute URL")
            .ValidateOnStart();

        builder.Services.AddSoapCore();

        // SoapCore logs every exception an operation throws as an error with its stack trace, including the field
        // rule faults that are the expected answer to a bad order. The adapter logs the unexpected ones itself (3001).
        builder.Services.AddLogging(logging => logging.AddFilter("SoapCore.SoapEndpointMiddleware", LogLevel.Critical));
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddScoped<OrderService>();
        builder.Services.TryAddSingleton<WsdlDocument>();

        // SoapCore asks the container for one transformer; the last registration wins over its default.
        builder.Services.AddSingleton<IFaultExceptionTransformer, HubFaultTransformer>();

        // Each endpoint has its own timeout (TimeoutSeconds), enforced per delivery, so the client itself never times out.
        builder.Services.AddHttpClient(SoapConnectorFactory.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddConnector<SoapConnectorFactory>();
        return builder.AddInboundAdapter<SoapAdapter>();
    }
}
