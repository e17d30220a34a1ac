using System.Diagnostics;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Endpoints;
using CommerceBus.Routing;
using CommerceBus.UnitTests.Routing;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CommerceBus.UnitTests.Endpoints;

/// <summary>The topology builds routes, endpoints and connectors together, swaps them whole and closes what it no longer uses.</summary>
public sealed class EndpointTopologyTests : IAsyncDisposable
{
    private readonly FakeConnectors connectors = new();
    private readonly CapturingLoggerProvider log = new();
    private SwappableConfiguration? configuration;
    private EndpointTopology? topology;

    public async ValueTask DisposeAsync()
    {
        if (topology is not null)
        {
            await topology.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reload_keeps_an_unchanged_endpoints_connector_and_replaces_and_closes_a_changed_ones()
    {
        var hub = Start(Json(("a", "1"), ("b", "1")));
        var a = Connector(hub, "a");
        var b = Connector(hub, "b");

        configuration!.Swap(Json(("a", "1"), ("b", "2")));
        await ReloadedAsync(hub, 2);

        Assert.Same(a, Connector(hub, "a"));
        Assert.NotSame(b, Connector(hub, "b"));
        Assert.Equal("2", Connector(hub, "b").Value);
        Assert.True(b.Disposed);
        Assert.False(a.Disposed);
        Assert.Contains(log.Entries, e => e.EventId.Id == 2151 && e.Message.Contains("new or changed: b; removed: none", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refused_reload_keeps_the_topology_and_closes_the_connectors_it_built()
    {
        var hub = Start(Json(("a", "1")));
        var before = hub.Current;

        configuration!.Swap(Json(["ghost"], ("a", "1"), ("c", "1")));
        await WaitAsync(() => hub.LastRefusal is not null);

        Assert.Same(before, hub.Current);
        Assert.Contains(hub.LastRefusal!.Problems, p => p.Contains("endpoint 'ghost' is not declared", StringComparison.Ordinal));
        Assert.True(connectors.Created.Single(c => c.Endpoint == "c").Disposed);
        Assert.False(Connector(hub, "a").Disposed);
        Assert.Contains(log.Entries, e => e.EventId.Id == 2152 && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Reload_swaps_an_endpoints_retry_policy_with_the_topology_and_keeps_its_connector()
    {
        var hub = Start(WithRetries(Json(("a", "1"), ("b", "1")), "a", """{ "Immediate": "0", "Delayed": [ "00:00:05" ] }"""));
        var a = Connector(hub, "a");
        Assert.Equal(0, hub.Current.Retries.For("a").Immediate);
        Assert.Same(RetryPolicy.Default, hub.Current.Retries.For("b"));

        configuration!.Swap(WithRetries(Json(("a", "1"), ("b", "1")), "a", """{ "Immediate": "3", "Delayed": [] }"""));
        await ReloadedAsync(hub, 2);

        Assert.Equal(3, hub.Current.Retries.For("a").Immediate);
        Assert.Empty(hub.Current.Retries.For("a").Delayed);
        Assert.Same(a, Connector(hub, "a"));
        Assert.False(a.Disposed);
    }

    [Fact]
    public async Task Reload_with_an_unusable_retry_policy_is_refused_and_the_last_good_policies_stay()
    {
        var hub = Start(WithRetries(Json(("a", "1")), "a", """{ "Immediate": "1" }"""));
        var before = hub.Current;

        configuration!.Swap(WithRetries(Json(("a", "1")), "a", """{ "Immediate": "lots" }"""));
        await WaitAsync(() => hub.LastRefusal is not null);

        Assert.Same(before, hub.Current);
        Assert.Equal(1, hub.Current.Retries.For("a").Immediate);
        Assert.Contains(hub.LastRefusal!.Problems, p => p.Contains("CommerceBus:Endpoints:a:Retries:Immediate 'lots'", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_with_an_unusable_retry_policy_fails_naming_the_setting()
    {
        configuration = new SwappableConfiguration(WithRetries(Json(("a", "1")), "a", """{ "Delayed": [ "soon" ] }"""));

        var error = Assert.Throws<InvalidOperationException>(() => new EndpointTopology(configuration.CommerceBus, [connectors], Logger(), TimeProvider.System));

        Assert.Contains("CommerceBus:Endpoints:a:Retries:Delayed:0 'soon'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_leased_by_a_delivery_is_closed_only_when_the_lease_ends()
    {
        var hub = Start(Json(("a", "1"), ("b", "1")));
        var lease = hub.Lease("b");

        configuration!.Swap(Json(("a", "1")));
        await ReloadedAsync(hub, 2);

        var b = (FakeConnectors.Connector)lease.Connector;
        Assert.False(b.Disposed);
        await lease.DisposeAsync();
        Assert.True(b.Disposed);
        Assert.Throws<InvalidOperationException>(() => hub.Lease("b"));
    }

    [Fact]
    public void Start_with_a_failing_connector_and_a_route_to_nowhere_fails_listing_both()
    {
        configuration = new SwappableConfiguration(Json(["ghost"], ("a", "1"), ("x", null)).Replace("\"Value\": null", "\"Fail\": \"no address\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidOperationException>(() => new EndpointTopology(configuration.CommerceBus, [connectors], Logger(), TimeProvider.System));

        Assert.Contains("CommerceBus:Endpoints:x: no address", error.Message, StringComparison.Ordinal);
        Assert.Contains("endpoint 'ghost' is not declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_with_only_routing_problems_is_a_routing_configuration_error()
    {
        configuration = new SwappableConfiguration(Json(["ghost"], ("a", "1")));

        var error = Assert.Throws<RoutingConfigurationException>(() => new EndpointTopology(configuration.CommerceBus, [connectors], Logger(), TimeProvider.System));

        Assert.Contains(error.Problems, p => p.Message.Contains("'ghost'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disposing_the_topology_closes_every_connector()
    {
        var hub = Start(Json(("a", "1"), ("b", "1")));

        await hub.DisposeAsync();
        topology = null;

        Assert.All(connectors.Created, c => Assert.True(c.Disposed));
    }

    private EndpointTopology Start(string json)
    {
        configuration = new SwappableConfiguration(json);
        topology = new EndpointTopology(configuration.CommerceBus, [connectors], Logger(), TimeProvider.System);
        return topology;
    }

    private ILogger<EndpointTopology> Logger() => LoggerFactory.Create(b => b.AddProvider(log)).CreateLogger<EndpointTopology>();

    private static FakeConnectors.Connector Connector(EndpointTopology hub, string endpoint)
    {
        var lease = hub.Lease(endpoint);
        var connector = (FakeConnectors.Connector)lease.Connector;
        _ = lease.DisposeAsync();
        return connector;
    }

    private static Task ReloadedAsync(EndpointTopology hub, long version) => WaitAsync(() => hub.Current.Version >= version);

    /// <summary>A reload runs off the change callback: poll for its outcome, with a deadline.</summary>
    private static async Task WaitAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the reload did not finish within 10 s");
            await Task.Delay(10);
        }
    }

    /// <summary>Gives endpoint <paramref name="endpoint"/> (value 1) of <paramref name="json"/> the retry settings <paramref name="retries"/>.</summary>
    private static string WithRetries(string json, string endpoint, string retries)
    {
        var plain = $$"""
            "{{endpoint}}": { "Connector": "fake", "Value": "1" }
            """;
        Assert.Contains(plain, json, StringComparison.Ordinal);
        return json.Replace(plain, $$"""
            "{{endpoint}}": { "Connector": "fake", "Value": "1", "Retries": {{retries}} }
            """, StringComparison.Ordinal);
    }

    private static string Json(params (string Name, string? Value)[] endpoints) => Json([], endpoints);

    /// <summary>Endpoints of kind fake, and a multicast rule for BookOrder to all of them plus <paramref name="extra"/>.</summary>
    private static string Json(string[] extra, params (string Name, string? Value)[] endpoints)
    {
        var declared = string.Join(", ", endpoints.Select(e => $$"""
            "{{e.Name}}": { "Connector": "fake", "Value": {{(e.Value is null ? "null" : $"\"{e.Value}\"")}} }
            """));
        var named = string.Join(", ", endpoints.Select(e => e.Name).Concat(extra).Select(n => $"\"{n}\""));
        return $$"""
            { "CommerceBus": { "Endpoints": { {{declared}} }, "Routing": { "Routes": [ { "Name": "all", "Types": [ "BookOrder" ], "Endpoints": [ {{named}} ] } ] } } }
            """;
    }
}
