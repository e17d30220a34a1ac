using System.Net;
using System.Net.Http.Json;
using CommerceBus.Abstractions.Hosting;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Endpoints;

/// <summary>
/// Hot reloads of the real hub through a settings file it watches: routes, endpoints and connectors change together,
/// a reload that would leave a route without its endpoint is refused, and a removed endpoint's connector is closed
/// once its last delivery ends.
/// </summary>
/// <remarks>
/// appsettings.json holds the demo routes as a list; a reloaded file overrides rule 2 (payments) by its index, which is
/// how configuration layers a list.
/// </remarks>
public sealed class TopologyReloadTests
{
    [Fact]
    public async Task A_reload_adding_an_endpoint_and_a_route_to_it_delivers_to_it()
    {
        await using var paymentsB = await PaymentsService.StartAsync();
        using var file = new ReloadableSettings("{}");
        await using var hub = await TestHub.StartAsync(reloadable: file);
        var topology = hub.Services.GetRequiredService<EndpointTopology>();
        var before = topology.Current;
        Assert.Null(before.KindOf("payments-b"));

        file.Write(PaymentsBOverHttp(paymentsB.Address));
        var after = await Eventually.MatchAsync(() => Task.FromResult(topology.Current), t => t.Version > before.Version, "the reload to be in force");

        Assert.Equal("http", after.KindOf("payments-b"));
        var order = Orders.Valid();
        await PlaceAsync(hub, order);
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal(1, paymentsB.State.Payments.CaptureCount);
        var deliveries = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.MessageType.StartsWith("CapturePayment") && e.Outcome == JournalOutcomes.Delivered));
        Assert.Equal("payments-b", Assert.Single(deliveries).Destination);
    }

    [Fact]
    public async Task A_reload_removing_an_endpoint_a_route_still_names_is_refused_and_the_last_good_topology_keeps_delivering()
    {
        await using var paymentsB = await PaymentsService.StartAsync();
        using var file = new ReloadableSettings(PaymentsBOverHttp(paymentsB.Address));
        await using var hub = await TestHub.StartAsync(reloadable: file);
        var topology = hub.Services.GetRequiredService<EndpointTopology>();
        var before = topology.Current;
        Assert.Equal("http", before.KindOf("payments-b"));

        file.Write(RouteOnly("payments-b"));
        var refusal = await Eventually.MatchAsync(() => Task.FromResult(topology.LastRefusal), r => r is not null, "the reload to be refused");

        Assert.Contains(refusal!.Problems, p => p.Contains("'payments-b' is not declared", StringComparison.Ordinal));
        Assert.Same(before, topology.Current);
        var order = Orders.Valid();
        await PlaceAsync(hub, order);
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal(1, paymentsB.State.Payments.CaptureCount);
    }

    [Fact]
    public async Task A_reload_naming_an_unknown_contract_is_refused_naming_the_setting()
    {
        using var file = new ReloadableSettings("{}");
        await using var hub = await TestHub.StartAsync(reloadable: file);
        var topology = hub.Services.GetRequiredService<EndpointTopology>();
        var before = topology.Current;

        file.Write(PaymentsBOverHttp(new Uri("http://127.0.0.1:9/"), contract: "billing"));
        var refusal = await Eventually.MatchAsync(() => Task.FromResult(topology.LastRefusal), r => r is not null, "the reload to be refused");

        Assert.Contains(refusal!.Problems, p => p.Contains("CommerceBus:Endpoints:payments-b:Contract 'billing' is not a registered HTTP contract", StringComparison.Ordinal));
        Assert.Same(before, topology.Current);
        Assert.Null(topology.Current.KindOf("payments-b"));
    }

    [Fact]
    public async Task A_removed_endpoints_connector_is_disposed_once_its_delivery_in_flight_ends()
    {
        var held = new HeldPayments();
        using var file = new ReloadableSettings(Endpoint("payments-held", $$"""{ "Connector": "{{HeldPayments.KindName}}" }"""));
        await using var hub = await TestHub.StartAsync(
            reloadable: file,
            configureServices: services => services.AddSingleton(held),
            configureHub: hub => hub.AddConnector<HeldPayments.Factory>());
        var topology = hub.Services.GetRequiredService<EndpointTopology>();
        var order = Orders.Valid();
        await PlaceAsync(hub, order);
        await Eventually.MatchAsync(() => Task.FromResult(held.InFlight), n => n == 1, "the capture to be held in the connector");
        var before = topology.Current;

        file.Write("{}");
        await Eventually.MatchAsync(() => Task.FromResult(topology.Current), t => t.Version > before.Version, "the reload removing the endpoint to be in force");

        Assert.Null(topology.Current.KindOf("payments-held"));
        Assert.Equal(0, held.Disposed);
        held.Release();
        await Eventually.MatchAsync(() => Task.FromResult(held.Disposed), n => n == 1, "the removed endpoint's connector to be disposed");
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
    }

    private static string PaymentsBOverHttp(Uri address, string contract = "payments") =>
        Endpoint("payments-b", $$"""{ "Connector": "http", "Contract": "{{contract}}", "BaseUrl": "{{address}}", "RetryDelay": "00:00:00.050" }""");

    /// <summary>An endpoint, and the payments rule (rule 2 of appsettings.json) pointed at it.</summary>
    private static string Endpoint(string name, string settings) =>
        $$"""{ "CommerceBus": { "Endpoints": { "{{name}}": {{settings}} }, "Routing": { "Routes": { "2": { "Name": "{{name}}", "Endpoints": [ "{{name}}" ] } } } } }""";

    /// <summary>The payments rule pointed at an endpoint the file does not declare.</summary>
    private static string RouteOnly(string name) =>
        $$"""{ "CommerceBus": { "Routing": { "Routes": { "2": { "Name": "{{name}}", "Endpoints": [ "{{name}}" ] } } } } }""";

    private static async Task PlaceAsync(TestHub hub, Contracts.Orders.PlaceOrder order)
    {
        using var response = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
