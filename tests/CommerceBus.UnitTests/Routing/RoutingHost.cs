using CommerceBus.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommerceBus.UnitTests.Routing;

/// <summary>The router registered as the host registers it, over configuration a test can swap, with its log kept.</summary>
internal sealed class RoutingHost : IDisposable
{
    private readonly ServiceProvider services;

    public RoutingHost(string json)
    {
        Configuration = new SwappableConfiguration(json);
        services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Log))
            .AddCommerceBusRouting(Configuration.CommerceBus)
            .BuildServiceProvider();
    }

    public SwappableConfiguration Configuration { get; }

    public CapturingLoggerProvider Log { get; } = new();

    public IMessageRouter Router => services.GetRequiredService<IMessageRouter>();

    /// <summary>Configuration JSON with the demo endpoints and the given <c>Routing</c> object.</summary>
    public static string Json(string routing) =>
        $$"""
        {
          "CommerceBus": {
            "Endpoints": { "inventory": {}, "erp-eu": {}, "erp-us": {}, "shipping": {}, "payments": {} },
            "Routing": {{routing}}
          }
        }
        """;

    public void Dispose() => services.Dispose();
}
