using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>Endpoint heartbeats: a business endpoint that stops listening shows as down within one probe period.</summary>
[Collection(AloneInProcessCollection.Name)]
public sealed partial class EndpointHeartbeatTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Stopped_endpoint_shows_down_in_readiness_and_metrics_within_one_probe_period()
    {
        // The payments endpoint is this listener: the heartbeat connects to it (no order is placed).
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
            {
                ["CommerceBus:Endpoints:payments:BaseUrl"] = $"http://127.0.0.1:{port}/",
                ["CommerceBus:Observability:HeartbeatInterval"] = "00:00:01",
                ["CommerceBus:Observability:ProbeTimeout"] = "00:00:02",
            });

            await Eventually.MatchAsync(() => PaymentsAsync(hub), p => p?.GetProperty("up").GetBoolean() == true, "the payments endpoint to be up");

            listener.Stop();
            var stopped = DateTimeOffset.UtcNow;
            var down = await Eventually.MatchAsync(() => PaymentsAsync(hub), p => p?.GetProperty("up").GetBoolean() == false, "the payments endpoint to be down");
            var since = down!.Value.GetProperty("since").GetDateTimeOffset();

            // One probe period: the next probe starts at most one interval after the stop and ends within its timeout
            // (plus a little for the timer's continuation on a loaded machine). "since" is the hub's own record of it.
            Assert.True(since - stopped <= Interval + ProbeTimeout + TimeSpan.FromSeconds(1), $"down since {since:O}, stopped at {stopped:O}");
            Assert.Contains("connect", down.Value.GetProperty("lastError").GetString());

            var ready = await ReadinessTests.GetAsync(hub, "/health/ready");
            Assert.Equal("Degraded", ready.Body.GetProperty("checks").GetProperty("endpoints").GetProperty("status").GetString());

            using var metrics = await hub.Http.GetAsync("/metrics");
            var text = await metrics.Content.ReadAsStringAsync();
            Assert.Matches(PaymentsDown(), text);
        }
        finally
        {
            listener.Dispose();
        }
    }

    private static async Task<System.Text.Json.JsonElement?> PaymentsAsync(TestHub hub)
    {
        var ready = await ReadinessTests.GetAsync(hub, "/health/ready");
        return ready.Body.GetProperty("checks").GetProperty("endpoints").TryGetProperty("data", out var data)
            && data.ValueKind == System.Text.Json.JsonValueKind.Object
            && data.TryGetProperty("payments", out var payments)
            ? payments
            : null;
    }

    [GeneratedRegex("""commercebus_endpoint_up\{[^}]*endpoint="payments"[^}]*\} 0""")]
    private static partial Regex PaymentsDown();
}
