using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Adapters.Soap.Outbound;

/// <summary>
/// Connector kind <c>soap</c>: the hub as a SOAP client of a business service, one connector per configured endpoint,
/// speaking the registered contract its <c>Contract</c> setting names (the demo's legacy ERP is one such contract).
/// </summary>
internal sealed class SoapConnectorFactory(IHttpClientFactory clients, IServiceProvider services, IEnumerable<SoapContractName> contracts) : IConnectorFactory
{
    public const string HttpClientName = "CommerceBus.Soap";

    private readonly IReadOnlyCollection<string> _contracts = [.. contracts.Select(c => c.Name)];

    public string Kind => "soap";

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Outbound,
        RequestReply = true,
        SupportsCancel = true,
        SupportsStatusQuery = false,
        MaxMessageBytes = SoapConnectorSettings.DefaultMaxResponseBytes,
    };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings)
    {
        var parsed = SoapConnectorSettings.From(settings, _contracts);
        var contract = services.GetRequiredKeyedService<ISoapContract>(SoapContractName.KeyOf(parsed.Contract));
        return new SoapEndpointConnector(endpoint, parsed, contract, () => clients.CreateClient(HttpClientName));
    }
}
