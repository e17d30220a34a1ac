using CommerceBus.Abstractions;
using CommerceBus.Adapters.Rest;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Rest;

/// <summary>The REST order intake runs the adapter conformance suite over real HTTP.</summary>
public sealed class RestAdapterConformanceTests(RestAdapterConformanceTests.ConformanceFactory factory)
    : InboundAdapterConformanceTests<RestAdapterConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : TestHubFixture, IAdapterConformanceFactory
    {
        public AdapterCapabilities Capabilities => Hub.Services.GetRequiredService<RestAdapter>().Capabilities;

        public Task<IAdapterClient> ConnectAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IAdapterClient>(new RestOrderClient(Hub.Http));
    }
}
