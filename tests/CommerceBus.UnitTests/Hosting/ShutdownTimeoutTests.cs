using CommerceBus.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.UnitTests.Hosting;

/// <summary>The host's stop budget outlasts the bus's wait for its handlers (EndpointStopTimeout), or a stop is cut short while the bus still waits.</summary>
public sealed class ShutdownTimeoutTests
{
    [Theory]
    [InlineData(null, null, 60)]
    [InlineData("00:01:30", null, 105)]
    [InlineData(null, 120, 120)]
    [InlineData("00:00:30", null, 45)]
    public void The_host_stop_is_at_least_the_bus_endpoint_stop_plus_a_margin(string? endpointStopTimeout, int? configuredSeconds, int expectedSeconds)
    {
        var settings = new Dictionary<string, string?>();
        if (endpointStopTimeout is not null)
        {
            settings["CommerceBus:RabbitMq:EndpointStopTimeout"] = endpointStopTimeout;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();

        // What the host itself binds first (shutdownTimeoutSeconds, DOTNET_shutdownTimeoutSeconds), or .NET's 30 s default.
        if (configuredSeconds is { } seconds)
        {
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(seconds));
        }

        services.AddCommerceBus(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), provider.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
