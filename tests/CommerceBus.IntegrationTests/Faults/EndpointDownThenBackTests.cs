using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Http;
using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;
using static CommerceBus.IntegrationTests.Recoverability.FailedMessageReplayTests;

namespace CommerceBus.IntegrationTests.Faults;

/// <summary>
/// A business endpoint down, then back: the demo Payments HTTP service stops listening (every capture is refused at the
/// socket) while orders arrive over REST, and starts again on the same address with the same ledger. The captures
/// wait in the endpoint's immediate and delayed retries (on the Hangfire scheduler), or, past them, in the
/// failed-message store until an operator retries them; every order then completes, captured once.
/// </summary>
public sealed class EndpointDownThenBackTests
{
    private const int OrderCount = 5;

    [Fact]
    public Task Orders_placed_while_payments_is_down_wait_in_their_retries_and_complete_once_when_it_is_back() =>
        WaitInRetriesAsync(new Dictionary<string, string?>());

    /// <remarks>
    /// The retry API itself (one, a group, edited, discarded; audited; idempotency-safe) is covered with a poison
    /// connector in <c>Recoverability/FailedMessageReplayTests</c>; here the endpoint is a real service that was down.
    /// </remarks>
    [Fact]
    public Task A_capture_that_outlasts_its_retries_is_parked_and_an_operator_retry_completes_it_once_the_service_is_back() =>
        ParkedThenRetriedAsync(new Dictionary<string, string?>());

    /// <summary>The outage with the hub's settings plus <paramref name="settings"/> (RabbitMQ and PostgreSQL, say).</summary>
    internal static async Task WaitInRetriesAsync(Dictionary<string, string?> settings)
    {
        await using var payments = await PaymentsService.StartAsync();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["CommerceBus:Endpoints:payments:BaseUrl"] = payments.Address.ToString(),
            ["CommerceBus:Endpoints:payments:MaxRetries"] = "0",
            ["CommerceBus:Endpoints:payments:Retries:Immediate"] = "1",
            // Many short rounds: about 50 s in all, to outlast the outage below on a loaded machine, and a capture
            // goes through at most 3 s (plus the scheduler's polling) after the service is back.
            ["CommerceBus:Endpoints:payments:Retries:Delayed:0"] = "00:00:01",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:1"] = "00:00:02",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:2"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:3"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:4"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:5"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:6"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:7"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:8"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:9"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:10"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:11"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:12"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:13"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:14"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:15"] = "00:00:03",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:16"] = "00:00:03",
        });
        await payments.StopAsync();
        var orders = Enumerable.Range(0, OrderCount).Select(_ => Orders.Valid()).ToList();
        var numbers = orders.Select(o => o.OrderNumber!).ToList();

        foreach (var order in orders)
        {
            await PlaceOrderAsync(hub, order);
        }

        // Every capture has failed its first round (the attempt and its immediate retry): it now waits for a delayed
        // redelivery, and the service is still down.
        await Eventually.MatchAsync(
            () => hub.JournalAsync(q => q.Where(e => e.Destination == "payments" && e.Outcome == JournalOutcomes.Failed)),
            failed => numbers.All(n => failed.Count(e => e.OrderNumber == n) >= 2),
            "every capture to fail its first round while payments is down",
            TimeSpan.FromSeconds(60));
        Assert.Equal(0, payments.State.Payments.CaptureCount);
        foreach (var number in numbers)
        {
            Assert.NotEqual("Completed", (await hub.Gateway.GetStatusAsync(OrderFamily.Name, number, CancellationToken.None))?.Status);
        }

        await payments.RestartAsync();

        foreach (var number in numbers)
        {
            var status = await Eventually.MatchAsync(
                () => hub.Gateway.GetStatusAsync(OrderFamily.Name, number, CancellationToken.None),
                s => s?.Status is "Completed" or "Failed" or "Cancelled",
                $"order {number} to finish once payments is back",
                TimeSpan.FromSeconds(90));
            Assert.Equal("Completed", status!.Status);
        }

        Assert.Equal(OrderCount, payments.State.Payments.CaptureCount);
        var journal = await hub.JournalAsync(q => q.Where(e => e.OrderNumber != null && numbers.Contains(e.OrderNumber)));
        foreach (var number in numbers)
        {
            // Delivered once: the retries stopped at the first capture that got through.
            Assert.Single(journal, e => e.OrderNumber == number && e.Destination == "payments" && e.Outcome == JournalOutcomes.Delivered);
            Assert.Contains(journal, e => e.OrderNumber == number && e.Destination == "payments" && e.Outcome == JournalOutcomes.Failed);
            Assert.Single(journal, e => e.OrderNumber == number && e.Detail == "order Completed");
        }

        // Nothing went to the failed-message store: the retries covered the outage.
        var parked = await hub.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"{Api}?status=Failed&endpoint=payments&pageSize=100");
        Assert.Empty(parked.GetProperty("items").EnumerateArray());
    }

    internal static async Task ParkedThenRetriedAsync(Dictionary<string, string?> settings)
    {
        await using var payments = await PaymentsService.StartAsync();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["CommerceBus:Endpoints:payments:BaseUrl"] = payments.Address.ToString(),
            ["CommerceBus:Endpoints:payments:MaxRetries"] = "0",
            ["CommerceBus:Endpoints:payments:Retries:Immediate"] = "1",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:0"] = "00:00:01",
        });
        await payments.StopAsync();
        var order = Orders.Valid();

        await PlaceOrderAsync(hub, order);
        var failed = await WaitForFailedAsync(hub, order.OrderNumber!);
        Assert.Equal(4, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("HttpRequestException", failed.GetProperty("attemptHistory").ToString(), StringComparison.Ordinal);
        Assert.Equal(0, payments.State.Payments.CaptureCount);

        await payments.RestartAsync();
        using (var retry = await PostAsync(hub, $"{Api}/{failed.GetProperty("id").GetInt64()}/retry", "ops"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed", "Cancelled"))!.Status);
        Assert.Equal(1, payments.State.Payments.CaptureCount);
        var deliveries = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.Destination == "payments" && e.Outcome == JournalOutcomes.Delivered));
        Assert.Single(deliveries);
    }

    private static async Task PlaceOrderAsync(TestHub hub, PlaceOrder order)
    {
        using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
    }
}

/// <summary>
/// The business endpoint down then back on the production configuration: the bus on RabbitMQ (a virtual host per
/// test), the hub database and the Hangfire scheduler (delayed redeliveries) on PostgreSQL (a database per test).
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class RabbitPostgresEndpointDownThenBackTests
{
    [RabbitPostgresFact]
    public Task On_RabbitMQ_and_PostgreSQL_orders_placed_while_payments_is_down_wait_in_their_retries_and_complete_once_when_it_is_back() =>
        RabbitAndPostgres.RunAsync("epdown", EndpointDownThenBackTests.WaitInRetriesAsync);

    [RabbitPostgresFact]
    public Task On_RabbitMQ_and_PostgreSQL_a_capture_that_outlasts_its_retries_is_parked_and_an_operator_retry_completes_it() =>
        RabbitAndPostgres.RunAsync("epparked", EndpointDownThenBackTests.ParkedThenRetriedAsync);
}
