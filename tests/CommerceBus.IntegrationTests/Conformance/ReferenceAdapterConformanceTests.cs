using CommerceBus.Abstractions;
using CommerceBus.Conformance;
using CommerceBus.Conformance.ReferenceAdapter;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Conformance;

/// <summary>The in-memory reference adapter runs the conformance suite: the suite's baseline with no protocol in between.</summary>
public sealed class ReferenceAdapterConformanceTests(ReferenceAdapterConformanceTests.ConformanceFactory factory)
    : InboundAdapterConformanceTests<ReferenceAdapterConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : TestHubFixture, IAdapterConformanceFactory
    {
        public AdapterCapabilities Capabilities => Hub.Services.GetRequiredService<InMemoryReferenceAdapter>().Capabilities;

        public override async Task InitializeAsync() =>
            Started(await TestHub.StartAsync(configureHub: hub => hub.AddInMemoryReferenceAdapter()));

        public Task<IAdapterClient> ConnectAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IAdapterClient>(new InMemoryReferenceClient(Hub.Services.GetRequiredService<InMemoryReferenceAdapter>()));
    }
}
