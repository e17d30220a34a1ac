using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Endpoints;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace CommerceBus.IntegrationTests.OperatorConsole;

/// <summary>
/// The endpoints page in a real browser against the real hub (#19 item 5): the HTTP server's listeners with the
/// connections Kestrel counts, a TCP listener's connections, each connector's circuit breaker, and the broker
/// connections of the AMQP intake and the bus.
/// </summary>
public sealed class EndpointsPageTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    static EndpointsPageTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task The_page_counts_the_browsers_own_HTTP_connection_and_a_terminals_TCP_connection_and_says_no_broker_is_configured()
    {
        await using var hub = await ConsoleHubs.StartAsync();
        await using var browser = await ConsolePage.OpenAsync(chromium, hub.BaseAddress);
        var page = browser.Page;

        // The page is rendered over the browser's own connection to the hub: Kestrel counts it open while it is.
        await page.GotoAsync("/console/endpoints");
        var http = page.Locator("#listeners tr[data-listener='http server']", new() { HasText = hub.BaseAddress.Authority });
        await Expect(http).ToHaveCountAsync(1);
        var open = long.Parse(await http.Locator("td.open").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(open >= 1, $"The HTTP listener {hub.BaseAddress} shows {open} open connections while the browser is connected to it; the console reads them from Kestrel's kestrel.active_connections (KestrelConnections).");
        await Expect(page.Locator("#listeners tr[data-listener='rest']")).ToContainTextAsync("http server");

        // A store terminal connects to the TCP listener; the adapter counts it.
        var terminals = hub.Services.GetServices<IInboundAdapter>().OfType<IListeningAdapter>().SelectMany(a => a.Listeners).Single(l => l.Name == "terminals");
        var endPoint = IPEndPoint.Parse(terminals.Addresses[0]);
        var address = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : endPoint.Address;
        using var terminal = new TcpClient(address.AddressFamily);
        await terminal.ConnectAsync(address, endPoint.Port);
        var tcp = page.Locator("#listeners tr[data-listener='tcp / terminals'] td.open");
        await browser.ReloadUntilAsync(tcp, "1", Patience, "the terminals listener's open connections after a terminal connected");

        // Connectors: the http one has a breaker, closed; the soap one has none.
        await Expect(page.Locator("#endpoints tr[data-endpoint='payments'] td.breaker")).ToContainTextAsync("✓ closed");
        await Expect(page.Locator("#endpoints tr[data-endpoint='erp-eu'] td.breaker")).ToContainTextAsync("none");

        // The embedded hub: no AMQP intake, the bus in memory.
        await Expect(page.Locator("#connections tr[data-connection='amqp intake']")).ToContainTextAsync("not configured");
        await Expect(page.Locator("#connections tr[data-connection='bus']")).ToContainTextAsync("not configured");
        await Expect(page.Locator("#connections tr[data-connection='bus']")).ToContainTextAsync("in memory");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_breaker_of_an_http_endpoint_that_is_down_shows_open_with_the_failure_that_opened_it()
    {
        await using var hub = await ConsoleHubs.StartAsync(new Dictionary<string, string?>
        {
            // Nothing listens there: every attempt is refused. Two failed attempts open the breaker, for longer than the test.
            ["CommerceBus:Endpoints:payments:BaseUrl"] = $"http://127.0.0.1:{TestHub.FreeTcpPort()}/",
            ["CommerceBus:Endpoints:payments:BreakerMinimumThroughput"] = "2",
            ["CommerceBus:Endpoints:payments:BreakDuration"] = "00:30:00",
        });
        using (var placed = await hub.Http.PostAsJsonAsync("/api/orders", Orders.Valid(), CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        var topology = hub.Services.GetRequiredService<EndpointTopology>();
        var clock = Stopwatch.StartNew();
        while (topology.Current.BreakerOf("payments")?.State != CircuitBreakerState.Open)
        {
            Assert.True(clock.Elapsed < Patience,
                $"The payments breaker did not open within {Patience.TotalSeconds} s of capturing a payment at an address nobody listens on; it is {topology.Current.BreakerOf("payments")}. Check HttpResiliencePipeline's OnOpened and BreakerWatch.");
            await Task.Delay(100);
        }

        await using var browser = await ConsolePage.OpenAsync(chromium, hub.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/console/endpoints");
        var breaker = page.Locator("#endpoints tr[data-endpoint='payments'] td.breaker");
        await Expect(breaker).ToContainTextAsync("✗ open");
        await Expect(breaker).ToContainTextAsync("opened by HttpRequestException");
        await Expect(page.Locator("#endpoints tr[data-endpoint='inventory'] td.breaker")).ToContainTextAsync("none");
        browser.AssertNoErrors();
    }

    [RabbitFact]
    public async Task The_AMQP_intake_and_the_bus_show_connected_and_the_intake_down_with_the_brokers_reason_once_the_broker_drops_it()
    {
        var broker = await RabbitServer.CreateVirtualHostAsync("console");
        try
        {
            await using var hub = await ConsoleHubs.StartAsync(new Dictionary<string, string?>
            {
                ["CommerceBus:RabbitMq:ConnectionString"] = broker,
                ["CommerceBus:Adapters:RabbitMq:ConnectionString"] = broker,

                // RabbitMQ.Client reconnects the intake only after this: the test sees it down until then.
                ["CommerceBus:Adapters:RabbitMq:ReconnectInterval"] = "00:10:00",
            });
            await using var browser = await ConsolePage.OpenAsync(chromium, hub.BaseAddress);
            var page = browser.Page;
            var address = new UriBuilder(broker) { UserName = "", Password = "" }.Uri.ToString();

            await page.GotoAsync("/console/endpoints");
            var intake = page.Locator("#connections tr[data-connection='amqp intake']");
            await Expect(intake).ToContainTextAsync("▲ connected");
            await Expect(intake).ToContainTextAsync(address);
            var bus = page.Locator("#connections tr[data-connection='bus']");
            await browser.ReloadUntilAsync(bus, "▲ connected", Patience, "the bus's broker connection after the hub started");
            await Expect(bus).ToContainTextAsync(address);

            await RabbitServer.CloseConnectionsAsync(broker);
            await browser.ReloadUntilAsync(intake, "▼ down", Patience, "the AMQP intake after the broker closed its connection");
            await Expect(intake).ToContainTextAsync("closed by a test");
            browser.AssertNoErrors();
        }
        finally
        {
            await RabbitServer.DeleteVirtualHostAsync(broker);
        }
    }
}
