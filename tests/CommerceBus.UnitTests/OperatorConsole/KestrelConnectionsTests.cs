using System.Diagnostics.Metrics;
using CommerceBus.OperatorConsole.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.UnitTests.OperatorConsole;

/// <summary>Kestrel's connection instruments, published on a real meter factory as Kestrel publishes them, read per listener.</summary>
public sealed class KestrelConnectionsTests
{
    [Fact]
    public async Task Open_and_refused_connections_are_summed_per_listener_from_this_hubs_meter_only()
    {
        using var hub = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherHub = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = hub.GetRequiredService<IMeterFactory>();
        using var connections = new KestrelConnections(meters);
        await connections.StartAsync(CancellationToken.None);
        Assert.False(connections.IsCounting, "no Kestrel meter exists yet, so nothing is counted");

        var kestrel = meters.Create(KestrelConnections.MeterName);
        var active = kestrel.CreateUpDownCounter<long>(KestrelConnections.ActiveConnections);
        var rejected = kestrel.CreateCounter<long>(KestrelConnections.RejectedConnections);
        var otherActive = otherHub.GetRequiredService<IMeterFactory>().Create(KestrelConnections.MeterName)
            .CreateUpDownCounter<long>(KestrelConnections.ActiveConnections);

        active.Add(1, Local("127.0.0.1", 5080));
        active.Add(1, Local("127.0.0.1", 5080));
        active.Add(1, Local("::1", 5080));
        active.Add(-1, Local("127.0.0.1", 5080));
        active.Add(1, Local("127.0.0.1", 6000));
        rejected.Add(1, Local("127.0.0.1", 5080));
        otherActive.Add(7, Local("127.0.0.1", 5080));

        Assert.True(connections.IsCounting);
        Assert.Equal((2L, 1L), connections.Of("http://localhost:5080"));
        Assert.Equal((1L, 1L), connections.Of("http://127.0.0.1:5080"));
        Assert.Equal((1L, 0L), connections.Of("http://127.0.0.1:6000"));
        Assert.Equal((0L, 0L), connections.Of("http://127.0.0.1:7000"));
    }

    [Fact]
    public async Task A_close_counted_without_its_open_shows_no_negative_count()
    {
        using var hub = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = hub.GetRequiredService<IMeterFactory>();
        using var connections = new KestrelConnections(meters);
        await connections.StartAsync(CancellationToken.None);

        meters.Create(KestrelConnections.MeterName).CreateUpDownCounter<long>(KestrelConnections.ActiveConnections).Add(-1, Local("127.0.0.1", 5080));

        Assert.Equal((0L, 0L), connections.Of("http://127.0.0.1:5080"));
    }

    private static KeyValuePair<string, object?>[] Local(string address, int port) =>
    [
        new("network.transport", "tcp"),
        new("server.address", address),
        new("server.port", port),
    ];
}
