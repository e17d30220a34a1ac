using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.DemoEndpoints.Payments;

/// <summary>
/// Runs the demo Payments service as a real HTTP JSON server on its own Kestrel listener beside the hub, so the hub
/// reaches it through the <c>http</c> connector exactly as it would reach the real one.
/// </summary>
internal sealed partial class PaymentsHttpServer(
    DemoEndpointState state,
    IOptions<PaymentsHttpOptions> options,
    ILoggerFactory loggers,
    ILogger<PaymentsHttpServer> logger) : IHostedService
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // An empty builder: the service must not pick up the hub's configuration (its Urls, say), only what is set here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "CommerceBus.Payments" });
        builder.WebHost.UseKestrelCore().UseUrls(options.Value.Url);
        builder.Services.AddSingleton<IHostLifetime, HubOwnedLifetime>();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRouting();
        builder.Services.AddSingleton(state.Payments);

        var app = builder.Build();
        app.MapPost("/payments/captures", PaymentsHttpEndpoints.Capture);
        app.MapPost("/payments/{paymentId}/refunds", PaymentsHttpEndpoints.Refund);
        await app.StartAsync(cancellationToken);
        _app = app;
        LogStarted(logger, options.Value.Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
            await _app.DisposeAsync();
            _app = null;
        }
    }

    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Demo Payments service listens at {Address}")]
    private static partial void LogStarted(ILogger logger, string address);
}
