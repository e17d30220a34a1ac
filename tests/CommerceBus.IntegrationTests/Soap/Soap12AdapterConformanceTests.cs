using CommerceBus.Abstractions;
using CommerceBus.Adapters.Soap;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Soap;

/// <summary>The SOAP OrderService runs the adapter conformance suite again in SOAP 1.2, with raw envelopes over HttpClient.</summary>
public sealed class Soap12AdapterConformanceTests(Soap12AdapterConformanceTests.ConformanceFactory factory)
    : InboundAdapterConformanceTests<Soap12AdapterConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : TestHubFixture, IAdapterConformanceFactory
    {
        public AdapterCapabilities Capabilities => Hub.Services.GetRequiredService<SoapAdapter>().Capabilities;

        public Task<IAdapterClient> ConnectAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IAdapterClient>(new RawSoapClient(Hub.Http, soap12: true));
    }
}
