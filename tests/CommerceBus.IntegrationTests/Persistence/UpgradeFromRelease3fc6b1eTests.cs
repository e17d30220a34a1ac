using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.Recoverability;
using CommerceBus.IntegrationTests.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// A deployment of release 3fc6b1e upgraded in place, with orders in every state: a hub fills a database (one order
/// completed, one failed and compensated, one waiting at its payment, one waiting with a cancel requested, one whose
/// capture is parked), the database is turned back into what release 3fc6b1e leaves (the baseline schema, compared with
/// that release's own create script, and no migrations history), and the hub of this release starts on it.
/// </summary>
public sealed class UpgradeFromRelease3fc6b1eTests
{
    [Fact]
    public async Task A_SQLite_database_of_release_3fc6b1e_is_upgraded_in_place_and_nothing_is_lost()
    {
        await using var storage = HubStorage.Sqlite();
        await UpgradeInPlaceAsync(storage);
    }

    [PostgresFact]
    public async Task A_PostgreSQL_database_of_release_3fc6b1e_is_upgraded_in_place_and_nothing_is_lost()
    {
        await using var storage = await HubStorage.PostgreSqlAsync("upgrade");
        await UpgradeInPlaceAsync(storage);
    }

    private static async Task UpgradeInPlaceAsync(HubStorage storage)
    {
        var completed = Orders.Valid();
        var failed = Orders.Valid() with { CustomerId = "ERRERP-7" };
        var waiting = Orders.Valid();
        var cancelling = Orders.Valid();
        var parked = Orders.Valid();
        var trackingIds = new Dictionary<string, Guid>();
        var waitingMessageId = Guid.NewGuid();

        var troubles = new HeldOrBrokenPayments.Troubles();
        troubles.Held[waiting.OrderNumber!] = true;
        troubles.Held[cancelling.OrderNumber!] = true;
        troubles.Broken[parked.OrderNumber!] = true;
        long parkedId;
        await using (var old = await TestHub.StartAsync(
            storage.Settings(HeldOrBrokenPayments.Settings),
            configureServices: services => HeldOrBrokenPayments.AddTo(services, troubles),
            dataDirectory: storage.DataDirectory))
        {
            foreach (var order in new[] { completed, failed, cancelling, parked })
            {
                trackingIds[order.OrderNumber!] = await PlaceAsync(old, order);
            }

            // As an AMQP client sends it: under a message id of its own, which the inbox keeps.
            var viaInbox = await old.Gateway.SubmitAsync(new InboundMessage { Command = waiting, SourceAdapter = "tests", MessageId = waitingMessageId }, CancellationToken.None);
            Assert.Equal(InboundOutcome.Accepted, viaInbox.Outcome);
            trackingIds[waiting.OrderNumber!] = viaInbox.TrackingId!.Value;

            Assert.Equal("Completed", (await old.WaitForStatusAsync(completed.OrderNumber!, "Completed", "Failed"))!.Status);
            Assert.Equal("Failed", (await old.WaitForStatusAsync(failed.OrderNumber!, "Completed", "Failed"))!.Status);
            await old.WaitForSagaAsync(failed.OrderNumber!, s => s.PaymentRefunded && s.StockReleased, "payment refunded and stock released");
            await old.WaitForStatusAsync(waiting.OrderNumber!, "StockReserved");
            await old.WaitForStatusAsync(cancelling.OrderNumber!, "StockReserved");
            using (var cancel = await old.Http.PostAsJsonAsync($"/api/orders/{cancelling.OrderNumber}/cancel", new { reason = "changed my mind before the upgrade" }))
            {
                Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            }

            await old.WaitForSagaAsync(cancelling.OrderNumber!, s => s.CancelRequested, "the cancel recorded");
            parkedId = (await FailedMessageReplayTests.WaitForFailedAsync(old, parked.OrderNumber!)).GetProperty("id").GetInt64();
        }

        await Release3fc6b1e.RevertToAsync(storage);
        Assert.Equal(await CatalogOfRelease3fc6b1eAsync(storage.IsPostgreSql), await SchemaCatalog.ReadAsync(storage));
        var inboxBefore = await storage.QueryAsync("SELECT \"MessageId\" FROM inbox ORDER BY 1");
        Assert.Single(inboxBefore);

        // Payments still fail for the parked order, so what recovery re-drives at start-up cannot complete it: only the
        // retry of the message parked before the upgrade can.
        troubles.Held.Clear();
        await using var hub = await TestHub.StartAsync(
            storage.Settings(HeldOrBrokenPayments.Settings),
            configureServices: services => HeldOrBrokenPayments.AddTo(services, troubles),
            dataDirectory: storage.DataDirectory);

        await using (var db = await storage.Contexts().CreateDbContextAsync())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }

        // A message id accepted before the upgrade is still applied at most once.
        var redelivered = await hub.Gateway.SubmitAsync(new InboundMessage { Command = Orders.Valid(), SourceAdapter = "tests", MessageId = waitingMessageId }, CancellationToken.None);
        Assert.Equal(InboundOutcome.Duplicate, redelivered.Outcome);
        Assert.Equal(waiting.OrderNumber, redelivered.OrderNumber);
        Assert.Equal(trackingIds[waiting.OrderNumber!], redelivered.TrackingId);

        // Unfinished orders finish: the waiting one completes, the one with a cancel requested is cancelled.
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(waiting.OrderNumber!, "Completed", "Failed", "Cancelled"))!.Status);
        var cancelled = await hub.WaitForStatusAsync(cancelling.OrderNumber!, "Completed", "Failed", "Cancelled");
        Assert.Equal("Cancelled", cancelled!.Status);
        Assert.Equal("changed my mind before the upgrade", cancelled.Reason);

        // Finished orders are still there, as they ended.
        var done = await hub.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{completed.OrderNumber}");
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(trackingIds[completed.OrderNumber!], done.GetProperty("trackingId").GetGuid());
        var refused = await hub.Http.GetFromJsonAsync<JsonElement>($"/api/orders/{failed.OrderNumber}");
        Assert.Equal("Failed", refused.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(refused.GetProperty("reason").GetString()));

        // A client re-sending an order from before the upgrade gets the same order, not a second one.
        Assert.Equal(trackingIds[completed.OrderNumber!], await PlaceAsync(hub, completed));
        using (var conflict = await hub.Http.PostAsJsonAsync("/api/orders", completed with { CustomerId = "OTHER" }, CanonicalJson.Options))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        }

        var inbound = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == completed.OrderNumber && e.Direction == JournalDirection.Inbound));
        Assert.Equal([JournalOutcomes.Accepted, JournalOutcomes.Duplicate, JournalOutcomes.Conflict], inbound.Select(e => e.Outcome));

        // The capture parked before the upgrade is retried after it: it is sent again (and, payments still failing,
        // parked as its replay); once payments take it, the replay's retry completes the order.
        using (var retry = await FailedMessageReplayTests.PostAsync(hub, $"{FailedMessageReplayTests.Api}/{parkedId}/retry", "upgrade-test"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        var replay = await Eventually.MatchAsync(
            () => storage.QueryAsync($"SELECT \"Id\" FROM failed_messages WHERE \"ReplayOf\" = {parkedId}"),
            ids => ids.Count == 1,
            "the replay of the message parked before the upgrade to fail and be parked",
            TimeSpan.FromSeconds(90));
        troubles.Broken.Clear();
        using (var retry = await FailedMessageReplayTests.PostAsync(hub, $"{FailedMessageReplayTests.Api}/{replay[0]}/retry", "upgrade-test"))
        {
            // 409 when recovery's own re-drive of the step got through first: the order completes either way, once.
            Assert.True(retry.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"retry answered {retry.StatusCode}");
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(parked.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal(trackingIds[parked.OrderNumber!], (await hub.Gateway.GetStatusAsync(OrderFamily.Name, parked.OrderNumber!, CancellationToken.None))!.TrackingId);
    }

    /// <summary>The catalog of a database made by release 3fc6b1e's own create script, on a database of its own.</summary>
    internal static async Task<List<string>> CatalogOfRelease3fc6b1eAsync(bool postgreSql)
    {
        await using var reference = postgreSql ? await HubStorage.PostgreSqlAsync("release_3fc6b1e") : HubStorage.Sqlite();
        await Release3fc6b1e.CreateAsync(reference);
        return await SchemaCatalog.ReadAsync(reference);
    }

    private static async Task<Guid> PlaceAsync(TestHub hub, PlaceOrder order)
    {
        using var response = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingId").GetGuid();
    }
}
