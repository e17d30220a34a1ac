using CommerceBus.Adapters.Http;
using CommerceBus.Core.Hosting;
using CommerceBus.DemoContracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>Connector factories made the way the hub makes them: from a container where modules registered their contracts.</summary>
internal static class ConnectorFactories
{
    /// <summary>The <c>http</c> factory with the demo contracts (<c>payments</c>) and whatever <paramref name="register"/> adds.</summary>
    public static HttpConnectorFactory Http(Action<CommerceBusBuilder>? register = null)
    {
        var services = Services(register);
        return ActivatorUtilities.CreateInstance<HttpConnectorFactory>(services, NullLoggerFactory.Instance);
    }

    public static IServiceProvider Services(Action<CommerceBusBuilder>? register = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpClient();
        services.AddSingleton(TimeProvider.System);
        var builder = new CommerceBusBuilder(services, new ConfigurationBuilder().Build());
        builder.AddDemoContracts();
        register?.Invoke(builder);
        return services.BuildServiceProvider();
    }
}
