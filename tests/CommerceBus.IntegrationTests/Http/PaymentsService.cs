using CommerceBus.DemoEndpoints;
using CommerceBus.DemoEndpoints.Payments;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommerceBus.IntegrationTests.Http;

/// <summary>The demo Payments HTTP service alone, on a free port, with the ledger a test can look at.</summary>
public sealed class PaymentsService : IAsyncDisposable
{
    private readonly PaymentsHttpServer _server;

    private PaymentsService(PaymentsHttpServer server, DemoEndpointState state, Uri address)
    {
        _server = server;
        State = state;
        Address = address;
    }

    public DemoEndpointState State { get; }

    public Uri Address { get; }

    public static async Task<PaymentsService> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{TestHub.FreeTcpPort()}/");
        var state = new DemoEndpointState();
        var server = new PaymentsHttpServer(state, Options.Create(new PaymentsHttpOptions { Url = address.ToString() }), NullLoggerFactory.Instance, NullLogger<PaymentsHttpServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        return new PaymentsService(server, state, address);
    }

    public async ValueTask DisposeAsync() => await _server.StopAsync(CancellationToken.None);
}
