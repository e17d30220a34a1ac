using CommerceBus.DemoEndpoints;
using CommerceBus.DemoEndpoints.Payments;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommerceBus.IntegrationTests.Http;

/// <summary>
/// The demo Payments HTTP service alone, on a free port, with the ledger a test can look at. It can be stopped (the
/// port refuses connections) and started again on the same address with the same ledger, as a real service that goes
/// down and comes back.
/// </summary>
public sealed class PaymentsService : IAsyncDisposable
{
    private PaymentsHttpServer? _server;

    private PaymentsService(DemoEndpointState state, Uri address)
    {
        State = state;
        Address = address;
    }

    public DemoEndpointState State { get; }

    public Uri Address { get; }

    public static async Task<PaymentsService> StartAsync()
    {
        var service = new PaymentsService(new DemoEndpointState(), new Uri($"http://127.0.0.1:{TestHub.FreeTcpPort()}/"));
        await service.RestartAsync();
        return service;
    }

    /// <summary>Stops listening: every call to <see cref="Address"/> is refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync(CancellationToken.None);
            _server = null;
        }
    }

    /// <summary>Listens again on the same address, with the ledger it had.</summary>
    public async Task RestartAsync()
    {
        if (_server is not null)
        {
            return;
        }

        var server = new PaymentsHttpServer(State, Options.Create(new PaymentsHttpOptions { Url = Address.ToString() }), NullLoggerFactory.Instance, NullLogger<PaymentsHttpServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        _server = server;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
