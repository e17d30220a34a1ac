using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.EndToEnd;

/// <summary>A hub whose configuration cannot work refuses to start and says which setting is wrong.</summary>
public sealed class StartupCheckTests
{
    [Fact]
    public async Task Endpoint_naming_an_unknown_connector_stops_the_start_naming_the_setting()
    {
        var settings = new Dictionary<string, string?> { ["CommerceBus:Endpoints:payments:Connector"] = "carrier-pigeon" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHub.StartAsync(settings));

        Assert.Contains("CommerceBus:Endpoints:payments:Connector", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("carrier-pigeon", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_naming_an_unconfigured_endpoint_stops_the_start()
    {
        var settings = new Dictionary<string, string?> { ["CommerceBus:Routing:Routes:2:Endpoints:0"] = "payments-v2" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHub.StartAsync(settings));

        Assert.Contains("payments-v2", error.ToString(), StringComparison.Ordinal);
    }
}
