using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
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
    public async Task Dashboard_from_localhost_shows_the_scheduled_step_timeout()
    {
        var gate = new PaymentsGate();
        await using var hub = await StepTimeoutTests.StartGatedAsync(gate, TimeSpan.FromHours(1));
        var order = Orders.Valid();
        await StepTimeoutTests.PlaceAsync(hub, order);
        await hub.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "waiting for payment");

        using var home = await hub.Http.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var scheduled = await Eventually.MatchAsync(
            () => hub.Http.GetStringAsync("/hangfire/jobs/scheduled"),
            page => page.Contains("OrderStepTimedOut", StringComparison.Ordinal),
            "the step timeout on the dashboard's scheduled jobs page");
        Assert.Contains("order-fulfillment", scheduled, StringComparison.Ordinal);
        gate.Open();
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
