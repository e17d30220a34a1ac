using CommerceBus.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace CommerceBus.UnitTests.Routing;

public sealed class StartupTests
{
    private static IHost Build(string json)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        builder.Services.AddCommerceBusRouting(builder.Configuration.GetSection("CommerceBus"));
        return builder.Build();
    }

    [Fact]
    public async Task An_invalid_table_fails_host_start_up_listing_every_problem()
    {
        using var host = Build(RoutingHost.Json("""
            { "Mode": "Sometimes",
              "Routes": [ { "Name": "erp", "Types": [ "BookOrdr" ], "When": [ { "Field": "region", "Op": "Equal", "Value": "EU" } ], "Endpoints": [ "erp-mars" ] } ] }
            """));

        var exception = await Assert.ThrowsAsync<RoutingConfigurationException>(() => host.StartAsync());

        Assert.Equal(["Mode", "Types[0]", "When[0].Op", "Endpoints[0]"], exception.Problems.Select(p => p.Setting));
        Assert.Contains("erp-mars", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_table_lets_the_host_start()
    {
        using var host = Build(DemoConfiguration.Json);

        await host.StartAsync();
        var decision = host.Services.GetRequiredService<IMessageRouter>().Route(Messages.Of(Messages.BookOrder("EU")));
        await host.StopAsync();

        Assert.Equal(["erp-eu"], decision.Endpoints);
    }

    [Fact]
    public void Registering_routing_twice_registers_nothing_twice()
    {
        var configuration = new SwappableConfiguration(DemoConfiguration.Json);
        var services = new ServiceCollection().AddCommerceBusRouting(configuration.CommerceBus);
        var count = services.Count;

        services.AddCommerceBusRouting(configuration.CommerceBus);

        Assert.Equal(count, services.Count);
    }
}
