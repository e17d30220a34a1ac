using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Http;

/// <summary>The whole hub paying through the http connector and the demo Payments service, with transient failures between them.</summary>
public sealed class PaymentsOverHttpTests
{
    [Fact]
    public async Task A_payment_that_fails_twice_transiently_is_captured_once_and_the_order_completes()
    {
        await using var flaky = await FlakyHttpServer.StartAsync();
        flaky.FailFirst = 2;
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["CommerceBus:Endpoints:payments:BaseUrl"] = flaky.Address.ToString(),
            ["CommerceBus:Endpoints:payments:RetryDelay"] = "00:00:00.050",
        });
        flaky.Upstream = new Uri(hub.Settings["CommerceBus:DemoEndpoints:Payments:Url"]!);
        var order = Orders.Valid();

        using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);

        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal(1, hub.Demo.Payments.CaptureCount);
        var captures = flaky.Requests.Where(r => r.Path == "/payments/captures").ToList();
        Assert.Equal(3, captures.Count);
        Assert.Single(captures.Select(c => c.IdempotencyKey).Distinct());

        // The connector retried inside one delivery: the journal shows one delivery to payments, not three.
        var deliveries = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.Destination == "payments"));
        Assert.Equal([JournalOutcomes.Delivered], deliveries.Select(d => d.Outcome));
    }

    [Fact]
    public async Task A_capture_that_fails_every_retry_is_recorded_as_a_failed_message_with_the_reason()
    {
        await using var down = await FlakyHttpServer.StartAsync();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["CommerceBus:Endpoints:payments:BaseUrl"] = down.Address.ToString(),
            ["CommerceBus:Endpoints:payments:MaxRetries"] = "0",
            ["CommerceBus:Endpoints:payments:Retries:Immediate"] = "1",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:0"] = "00:00:01",
        });
        var order = Orders.Valid();

        using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        placed.EnsureSuccessStatusCode();

        var failed = await Eventually.MatchAsync(
            async () => await hub.Http.GetStringAsync($"/odata/FailedMessages?$filter=contains(Body,'{order.OrderNumber}')&$select=MessageType,Reason,Endpoint,Attempts,CorrelationId"),
            text => text.Contains("CapturePayment.v1", StringComparison.Ordinal),
            "the failed capture in /odata/FailedMessages");
        Assert.Contains("HttpEndpointException", failed, StringComparison.Ordinal);
        Assert.Contains("503", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"CorrelationId\":null", failed, StringComparison.Ordinal);
        Assert.Equal(0, hub.Demo.Payments.CaptureCount);
    }
}
