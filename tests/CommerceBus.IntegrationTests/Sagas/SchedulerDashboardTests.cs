using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>The Hangfire dashboard at <c>/hangfire</c>: open from the hub's machine, behind a credential from anywhere else.</summary>
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
    public async Task Dashboard_from_another_machine_needs_the_configured_credential()
    {
        var address = NonLoopbackAddress();
        Assert.True(address is not null, "this test needs a non-loopback IPv4 address to reach the hub as another machine would");
        var port = TestHub.FreeTcpPort();
        await using var hub = await TestHub.StartAsync(
            new Dictionary<string, string?>
            {
                ["CommerceBus:Scheduler:DashboardUser"] = "ops",
                ["CommerceBus:Scheduler:DashboardPassword"] = "s3cret",
            },
            configureServices: services => services.Configure<KestrelServerOptions>(o => o.Listen(IPAddress.Any, port)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var remote = $"http://{address}:{port}/hangfire";

        using var local = await http.GetAsync($"http://127.0.0.1:{port}/hangfire");
        using var anonymous = await http.GetAsync(remote);
        using var wrong = await http.SendAsync(Get(remote, "ops:guess"));
        using var right = await http.SendAsync(Get(remote, "ops:s3cret"));

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    private static HttpRequestMessage Get(string url, string credential) => new(HttpMethod.Get, url)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential))) },
    };

    private static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
