using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Security;
using CommerceBus.Security;
using CommerceBus.Security.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Recoverability;

/// <summary>
/// A poison capture on the real hub: immediate, then delayed retries on the Hangfire scheduler, parked in the
/// failed-message store with its history, then replayed (as stored, in a group, or edited) or discarded through
/// <c>/api/failed-messages</c>, every action audited.
/// </summary>
public sealed class FailedMessageReplayTests
{
    internal const string Api = "/api/failed-messages";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_poison_capture_is_retried_immediately_then_later_parked_with_its_history_and_replayed_to_completion_once()
    {
        var payments = new PoisonPayments();
        await using var hub = await StartAsync(payments);
        var order = Orders.Valid();
        payments.Broken[order.OrderNumber!] = true;

        await PlaceAsync(hub, order);
        var failed = await WaitForFailedAsync(hub, order.OrderNumber!);

        // 1 immediate retry per round, 2 delayed rounds: 2 + 2 + 2 attempts, rounds 0, 1, 2, all at payments.
        var history = failed.GetProperty("attemptHistory").EnumerateArray().ToList();
        Assert.Equal([0, 0, 1, 1, 2, 2], history.Select(a => a.GetProperty("round").GetInt32()));
        Assert.All(history, a => Assert.Equal("payments", a.GetProperty("endpoint").GetString()));
        Assert.All(history, a => Assert.Equal(typeof(PaymentsDownException).FullName, a.GetProperty("exceptionType").GetString()));
        var times = history.Select(a => a.GetProperty("at").GetDateTime()).ToList();
        // Hangfire keeps due times in whole seconds, so a redelivery may come up to a second early: the 2 s delay is at least 1 s.
        Assert.True(times[4] - times[3] >= TimeSpan.FromSeconds(1), $"the second delayed round came {times[4] - times[3]} after the first, not after its 2 s delay");
        Assert.Equal(6, failed.GetProperty("attempts").GetInt32());
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Equal("payments", failed.GetProperty("route").GetString());
        Assert.Equal("CapturePayment.v1", failed.GetProperty("messageType").GetString());
        Assert.Contains(nameof(PoisonPayments), failed.GetProperty("stackTrace").GetString(), StringComparison.Ordinal);
        Assert.Equal(order.OrderNumber, failed.GetProperty("body").GetProperty("orderNumber").GetString());
        Assert.NotEmpty(failed.GetProperty("headers").EnumerateObject());
        Assert.Equal("CapturingPayment", await SagaStateAsync(hub, order.OrderNumber!));

        payments.Broken.TryRemove(order.OrderNumber!, out _);
        var id = failed.GetProperty("id").GetInt64();
        using (var retry = await PostAsync(hub, $"{Api}/{id}/retry", "alice"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal([1], payments.Applied.Values);

        using (var again = await PostAsync(hub, $"{Api}/{id}/retry", "bob"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        }

        using (var discard = await PostAsync(hub, $"{Api}/{id}/discard", "bob"))
        {
            Assert.Equal(HttpStatusCode.Conflict, discard.StatusCode);
        }

        var audit = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "operations"));
        var entry = Assert.Single(audit);
        Assert.Equal(JournalOutcomes.Retried, entry.Outcome);
        Assert.Contains("alice", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(1, payments.Applied.Values.Sum());
    }

    [Fact]
    public async Task A_group_retry_sends_every_failed_capture_of_that_exception_at_that_endpoint_again()
    {
        var payments = new PoisonPayments();
        await using var hub = await StartAsync(payments);
        var orders = new[] { Orders.Valid(), Orders.Valid() };
        foreach (var order in orders)
        {
            payments.Broken[order.OrderNumber!] = true;
            await PlaceAsync(hub, order);
        }

        foreach (var order in orders)
        {
            await WaitForFailedAsync(hub, order.OrderNumber!);
        }

        payments.Broken.Clear();
        using var group = await hub.Http.PostAsJsonAsync(Api + "/retry-group", new { exceptionType = typeof(PaymentsDownException).FullName, endpoint = "payments" });
        Assert.Equal(HttpStatusCode.Accepted, group.StatusCode);
        var result = await group.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("retried").GetArrayLength());
        Assert.Equal(0, result.GetProperty("skipped").GetArrayLength());

        foreach (var order in orders)
        {
            Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        }

        var list = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}?status=Retried&endpoint=payments");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var audit = await hub.JournalAsync(q => q.Where(e => e.SourceAdapter == "operations" && e.Outcome == JournalOutcomes.Retried));
        Assert.Equal(orders.Select(o => o.OrderNumber).Order(), audit.Select(e => e.OrderNumber).Order());
    }

    [Fact]
    public async Task A_discarded_message_is_not_sent_and_cannot_be_retried_afterwards()
    {
        var payments = new PoisonPayments();
        await using var hub = await StartAsync(payments);
        var order = Orders.Valid();
        payments.Broken[order.OrderNumber!] = true;
        await PlaceAsync(hub, order);
        var id = (await WaitForFailedAsync(hub, order.OrderNumber!)).GetProperty("id").GetInt64();

        using (var discard = await PostAsync(hub, $"{Api}/{id}/discard", "carol"))
        {
            Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        }

        payments.Broken.Clear();
        using (var retry = await PostAsync(hub, $"{Api}/{id}/retry", "carol"))
        {
            Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        }

        var details = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        Assert.Equal("Discarded", details.GetProperty("status").GetString());
        Assert.Equal("carol", details.GetProperty("resolvedBy").GetString());
        Assert.Empty(payments.Applied);
        var audit = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "operations"));
        Assert.Equal([JournalOutcomes.Discarded], audit.Select(e => e.Outcome));

        using var unknown = await PostAsync(hub, $"{Api}/999999/retry", "carol");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_edited_capture_is_validated_against_its_contract_and_replayed_to_completion()
    {
        var payments = new PoisonPayments();
        await using var hub = await StartAsync(payments);
        var order = Orders.Valid() with { CustomerId = "POISON-1" };
        await PlaceAsync(hub, order);
        var failed = await WaitForFailedAsync(hub, order.OrderNumber!);
        var id = failed.GetProperty("id").GetInt64();
        var body = JsonNode.Parse(failed.GetProperty("body").GetRawText())!.AsObject();

        using (var garbage = await EditAsync(hub, id, "{\"trackingId\": \"not a guid\""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
            Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);
        }

        var moved = body.DeepClone().AsObject();
        moved["orderNumber"] = "ELSEWHERE1";
        moved["currency"] = null;
        using (var invalid = await EditAsync(hub, id, moved.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty("orderNumber", out _), problem.GetRawText());
            Assert.True(errors.TryGetProperty("currency", out _), problem.GetRawText());
        }

        Assert.Equal("Failed", (await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("status").GetString());

        body["customerId"] = "C-42";
        using (var edited = await EditAsync(hub, id, body.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, edited.StatusCode);
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal([1], payments.Applied.Values);
        var audit = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "operations"));
        Assert.Equal([JournalOutcomes.EditedAndRetried], audit.Select(e => e.Outcome));
    }

    /// <summary>A hub with the operators the tests name as API key clients, so the audit trail names them; the hub's own client has every role.</summary>
    internal static async Task<TestHub> StartAsync(PoisonPayments payments, string? postgreSql = null, IDictionary<string, string?>? settings = null)
    {
        var all = TestClients.Settings(
            TestClients.AllRoles(),
            ("alice", [SecurityRoles.Operator]),
            ("bob", [SecurityRoles.Operator]),
            ("carol", [SecurityRoles.Operator]),
            ("dora", [SecurityRoles.Operator]));
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["CommerceBus:Endpoints:payments:Connector"] = "poison",
            ["CommerceBus:Endpoints:payments:Retries:Immediate"] = "1",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:0"] = "00:00:01",
            ["CommerceBus:Endpoints:payments:Retries:Delayed:1"] = "00:00:02",
        }.Concat(settings ?? new Dictionary<string, string?>()))
        {
            all[key] = value;
        }

        if (postgreSql is not null)
        {
            all["CommerceBus:Storage:PostgreSql"] = postgreSql;
        }

        var hub = await TestHub.StartAsync(all, configureServices: services => services.AddSingleton<IConnectorFactory>(payments));
        hub.Http.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, TestClients.KeyOf(TestClients.Tester));
        return hub;
    }

    internal static async Task PlaceAsync(TestHub hub, PlaceOrder order)
    {
        using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
    }

    internal static async Task<JsonElement> WaitForFailedAsync(TestHub hub, string orderNumber)
    {
        var summary = await Eventually.MatchAsync(
            async () => (await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}?status=Failed&endpoint=payments&pageSize=100", Json))
                .GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("orderNumber").GetString() == orderNumber),
            item => item.ValueKind == JsonValueKind.Object,
            $"the capture of order {orderNumber} in the failed-message store",
            TimeSpan.FromSeconds(90));
        return await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{summary.GetProperty("id").GetInt64()}", Json);
    }

    private static async Task<string?> SagaStateAsync(TestHub hub, string orderNumber)
    {
        var sagas = await hub.Http.GetFromJsonAsync<JsonElement>($"/odata/Sagas?$filter=OrderNumber eq '{orderNumber}'&$select=CurrentState");
        return sagas.GetProperty("value")[0].GetProperty("CurrentState").GetString();
    }

    /// <summary>Posts as the API key client <paramref name="who"/> (on a hub without that client, protected mode's local caller).</summary>
    internal static Task<HttpResponseMessage> PostAsync(TestHub hub, string path, string who)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Remove(ApiKeyDefaults.Header);
        request.Headers.Add(ApiKeyDefaults.Header, TestClients.KeyOf(who));
        return hub.Http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> EditAsync(TestHub hub, long id, string body) =>
        hub.Http.PostAsync($"{Api}/{id}/edit-and-retry", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
}
