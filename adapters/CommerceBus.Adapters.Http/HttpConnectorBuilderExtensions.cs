using CommerceBus.Abstractions.Hosting;

namespace CommerceBus.Adapters.Http;

/// <summary>Registers the outbound HTTP connector; endpoints use it with <c>"Connector": "http"</c>.</summary>
public static class HttpConnectorBuilderExtensions
{
    public static ICommerceBusBuilder AddHttpConnector(this ICommerceBusBuilder builder) => builder.AddConnector<HttpConnectorFactory>();
}
