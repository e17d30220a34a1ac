using CommerceBus.Abstractions;
using CommerceBus.Adapters.Soap;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Soap.WsdlClient;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>The SOAP OrderService runs the adapter conformance suite through a real WCF client (BasicHttpBinding, SOAP 1.1).</summary>
public sealed class SoapAdapterConformanceTests(SoapAdapterConformanceTests.ConformanceFactory factory)
    : InboundAdapterConformanceTests<SoapAdapterConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : TestHubFixture, IAdapterConformanceFactory
    {
        public AdapterCapabilities Capabilities => Hub.Services.GetRequiredService<SoapAdapter>().Capabilities;

        public Task<IAdapterClient> ConnectAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IAdapterClient>(new WcfOrderClient(new Uri(Hub.BaseAddress, "/soap/OrderService")));
    }
}
