using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>
/// Connector kind <c>soap</c>: the hub as a SOAP client of the legacy ERP's booking service
/// (<c>contracts/demo/legacy-erp/LegacyErp.wsdl</c>), one connector per configured ERP endpoint.
/// </summary>
internal sealed class SoapConnectorFactory(IHttpClientFactory clients) : IConnectorFactory
{
    public const string HttpClientName = "CommerceBus.Soap";

    public string Kind => "soap";

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Outbound,
        RequestReply = true,
        SupportsCancel = true,
        SupportsStatusQuery = false,
        MaxMessageBytes = SoapConnectorSettings.DefaultMaxResponseBytes,
    };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings) =>
        new LegacyErpConnector(endpoint, SoapConnectorSettings.From(settings), () => clients.CreateClient(HttpClientName));
}
