using CommerceBus.Abstractions;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>The TCP adapter runs the adapter conformance suite over real sockets, one terminal connection per client.</summary>
public sealed class TcpAdapterConformanceTests(TcpAdapterConformanceTests.ConformanceFactory factory)
    : InboundAdapterConformanceTests<TcpAdapterConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : TestHubFixture, IAdapterConformanceFactory
    {
        public AdapterCapabilities Capabilities => Hub.TcpAdapter().Capabilities;

        public async Task<IAdapterClient> ConnectAsync(CancellationToken cancellationToken) =>
            new TcpOrderClient(await Hub.ConnectTerminalAsync());
    }
}
