using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Recoverability;
using CommerceBus.IntegrationTests.Security;
using CommerceBus.Security;
using CommerceBus.Security.ApiKeys;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>The Hangfire dashboard at <c>/hangfire</c>: open from the hub's machine in protected mode, and only to an operator client once keys are configured.</summary>
public sealed class SchedulerDashboardTests
{
    [Fact]
    public async Task Dashboard_from_localhost_shows_the_scheduled_redelivery()
    {
        var payments = new PoisonPayments();
        await using var hub = await TestHub.StartAsync(RedeliveryInAnHour(), configureServices: services => services.AddSingleton<IConnectorFactory>(payments));
        var order = Orders.Valid();
        payments.Broken[order.OrderNumber!] = true;
        await StepTimeoutTests.PlaceAsync(hub, order);
        await hub.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "waiting for payment");

        using var home = await hub.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        await Eventually.MatchAsync(
            () => hub.Http.GetStringAsync("/hangfire/jobs/scheduled"),
            page => page.Contains("send CapturePayment", StringComparison.Ordinal),
            "the capture's delayed redelivery on the dashboard's scheduled jobs page");
    }

    [Fact]
    public async Task Dashboard_from_another_machine_needs_an_operator_key()
    {
        var address = NonLoopbackAddress();
        Assert.True(address is not null, "this test needs a non-loopback IPv4 address to reach the hub as another machine would");
        var port = TestHub.FreeTcpPort();
        await using var hub = await TestHub.StartAsync(
            TestClients.Settings(("ops", [SecurityRoles.Operator]), ("shop", [SecurityRoles.Intake])),
            configureServices: services => services.Configure<KestrelServerOptions>(o => o.Listen(IPAddress.Any, port)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var remote = $"http://{address}:{port}/hangfire";

        using var local = await http.GetAsync($"http://127.0.0.1:{port}/hangfire");
        using var anonymous = await http.GetAsync(remote);
        using var wrong = await http.SendAsync(Get(remote, "guessed-key"));
        using var intake = await http.SendAsync(Get(remote, TestClients.KeyOf("shop")));
        using var right = await http.SendAsync(Get(remote, TestClients.KeyOf("ops")));

        // With keys configured the hub's own machine is no exception.
        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("X-Api-Key", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, intake.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task A_viewer_sees_the_dashboard_read_only_and_an_operator_can_act_on_it()
    {
        var payments = new PoisonPayments();
        var settings = RedeliveryInAnHour();
        foreach (var (key, value) in TestClients.Settings(("ops", [SecurityRoles.Operator]), ("watcher", [SecurityRoles.Viewer]), ("shop", [SecurityRoles.Intake])))
        {
            settings[key] = value;
        }

        await using var hub = await TestHub.StartAsync(settings, configureServices: services =>
        {
            services.AddSingleton<IConnectorFactory>(payments);
        });
        using var shop = hub.As("shop");
        using var ops = hub.As("ops");
        using var watcher = hub.As("watcher");
        var order = Orders.Valid();
        payments.Broken[order.OrderNumber!] = true;
        using (var placed = await shop.PostAsJsonAsync("/api/orders", order, CommerceBus.Contracts.Json.CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        await hub.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "waiting for payment");

        // The capture's delayed redelivery is a scheduled job; Hangfire offers its commands (enqueue now, delete) only to a writer.
        var asOperator = await Eventually.MatchAsync(
            () => ops.GetStringAsync("/hangfire/jobs/scheduled"),
            page => page.Contains("send CapturePayment", StringComparison.Ordinal),
            "the capture's delayed redelivery on the operator's scheduled jobs page");
        var asViewer = await watcher.GetStringAsync("/hangfire/jobs/scheduled");
        using var viewerCommand = await watcher.PostAsync("/hangfire/jobs/scheduled/delete", new FormUrlEncodedContent([new("jobs[]", "1")]));
        using var shopPage = await shop.GetAsync("/hangfire");
        using var viewerOperatorApi = await watcher.GetAsync("/api/failed-messages");

        Assert.Contains("jobs/scheduled/enqueue", asOperator, StringComparison.Ordinal);
        Assert.Contains("send CapturePayment", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain("jobs/scheduled/enqueue", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain("jobs/scheduled/delete", asViewer, StringComparison.Ordinal);
        Assert.False(viewerCommand.IsSuccessStatusCode, $"a viewer's delete command was answered {viewerCommand.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, shopPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerOperatorApi.StatusCode);
    }

    // Payments fails (PoisonPayments, for the orders it is told), and its one delayed redelivery waits an hour in Hangfire.
    private static Dictionary<string, string?> RedeliveryInAnHour() => new()
    {
        ["CommerceBus:Endpoints:payments:Connector"] = "poison",
        ["CommerceBus:Endpoints:payments:Retries:Immediate"] = "0",
        ["CommerceBus:Endpoints:payments:Retries:Delayed:0"] = "01:00:00",
        ["CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter"] = "02:00:00",
    };

    private static HttpRequestMessage Get(string url, string key) => new(HttpMethod.Get, url)
    {
        Headers = { { ApiKeyDefaults.Header, key } },
    };

    private static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
