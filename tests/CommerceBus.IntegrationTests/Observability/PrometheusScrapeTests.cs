using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Rest;
using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>A real Prometheus server scrapes the hub's <c>/metrics</c>, and its query API sees the documented metrics move.</summary>
[Collection(AloneInProcessCollection.Name)]
public sealed class PrometheusScrapeTests
{
    // Prometheus scrapes every 3 s (scripts/servers.sh); a scrape that times out on a loaded machine is simply retried.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [PrometheusFact]
    public async Task Prometheus_scrapes_the_hub_and_sees_the_delivery_counters_move_when_an_order_completes()
    {
        await using var hub = await TestHub.StartAsync();
        var name = "hub" + Guid.NewGuid().ToString("N")[..12];
        using var scrape = PrometheusServer.Scrape($"{hub.BaseAddress.Host}:{hub.BaseAddress.Port}", name);

        await Eventually.MatchAsync(() => PrometheusServer.QueryAsync($"up{{hub=\"{name}\"}}"), up => up == 1, "Prometheus to scrape the hub", Patience);
        var shipped = $"sum(commercebus_deliveries_total{{hub=\"{name}\",endpoint=\"shipping\",outcome=\"Delivered\"}})";
        // Deliveries of hubs that other tests run in this process count too (the instruments are the process's): only the rise matters.
        var before = await PrometheusServer.QueryAsync(shipped) ?? 0;

        await using var client = new RestOrderClient(hub.Http);
        var order = Orders.Valid();
        await client.PlaceOrderAsync(order, CancellationToken.None);
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);

        await Eventually.MatchAsync(() => PrometheusServer.QueryAsync(shipped), value => value >= before + 1, "the shipping deliveries counter to rise in Prometheus", Patience);

        // The documented metrics of the issue are all there, under the hub's prefix.
        string[] documented =
        [
            "commercebus_messages_in_total", "commercebus_routing_decisions_total", "commercebus_deliveries_total",
            "commercebus_delivery_duration_seconds_count", "commercebus_sagas", "commercebus_saga_waiting_step_oldest_age_seconds",
            "commercebus_outbox_pending", "commercebus_outbox_oldest_age_seconds", "commercebus_failed_messages",
            "commercebus_receive_endpoints_ready", "commercebus_endpoint_up", "commercebus_ready", "commercebus_health_check_status",

            // The outbox sweep runs once the hub has started (issue 20's duty runs).
            "commercebus_duty_runs_total",
        ];
        foreach (var metric in documented)
        {
            await Eventually.MatchAsync(() => PrometheusServer.QueryAsync($"count({metric}{{hub=\"{name}\"}})"), n => n >= 1, $"{metric} in Prometheus", Patience);
        }

        var inFromRest = await PrometheusServer.QueryAsync($"sum(commercebus_messages_in_total{{hub=\"{name}\",adapter=\"rest\",outcome=\"Accepted\"}})");
        Assert.True(inFromRest >= 1, "the REST intake's accepted orders are counted");
    }
}
