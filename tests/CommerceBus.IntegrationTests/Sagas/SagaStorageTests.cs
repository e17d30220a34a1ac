using CommerceBus.Conformance;
using CommerceBus.Persistence;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>The saga storage's contract (find, insert, update, delete, and when each refuses), on SQLite and PostgreSQL.</summary>
public sealed class SagaStorageTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public Task Sqlite_storage_keeps_its_contract() => ContractAsync(new Dictionary<string, string?>());

    [PostgresFact]
    public Task PostgreSql_storage_keeps_its_contract() =>
        ContractAsync(new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString });

    private static async Task ContractAsync(Dictionary<string, string?> settings)
    {
        await using var hub = await TestHub.StartAsync(settings);
        var storage = hub.Services.GetRequiredService<ISagaStorage<OrderSagaRecord>>();
        var id = Guid.NewGuid();
        var ct = CancellationToken.None;

        Assert.Null(await storage.FindAsync(id, ct));

        await storage.InsertAsync(new OrderSagaRecord { CorrelationId = id, CurrentState = "ReservingStock", OrderNumber = "S-1" }, ct);
        await Assert.ThrowsAsync<SagaConcurrencyException>(() => storage.InsertAsync(new OrderSagaRecord { CorrelationId = id, OrderNumber = "S-1" }, ct));

        var mine = (await storage.FindAsync(id, ct))!;
        var theirs = (await storage.FindAsync(id, ct))!;
        Assert.Equal(1, mine.Version);

        mine.CurrentState = "CapturingPayment";
        await storage.UpdateAsync(mine, ct);
        Assert.Equal(2, mine.Version);

        // The second writer loaded version 1: its update must not overwrite the first writer's change.
        theirs.CancelRequested = true;
        await Assert.ThrowsAsync<SagaConcurrencyException>(() => storage.UpdateAsync(theirs, ct));
        var stored = (await storage.FindAsync(id, ct))!;
        Assert.Equal(("CapturingPayment", false, 2), (stored.CurrentState, stored.CancelRequested, stored.Version));

        // A losing attempt's side effects are not written either: its outbox row is not in the table.
        var effects = new SagaSideEffects();
        var owed = new OutboxMessageRecord { MessageId = Guid.NewGuid(), SagaId = id, MessageType = "T", Body = "{}", CreatedAt = DateTime.UtcNow };
        effects.Publish(owed);
        await Assert.ThrowsAsync<SagaConcurrencyException>(() => ((ISagaStorageWithSideEffects<OrderSagaRecord>)storage).UpdateAsync(theirs, effects, ct));
        Assert.False(await OutboxHasAsync(hub, owed.MessageId), "a losing attempt committed an outbox row");

        // The winning attempt's outbox row commits with its saga row.
        var winner = (await storage.FindAsync(id, ct))!;
        effects.Publish(owed);
        await ((ISagaStorageWithSideEffects<OrderSagaRecord>)storage).UpdateAsync(winner, effects, ct);
        Assert.True(await OutboxHasAsync(hub, owed.MessageId), "the winning attempt's outbox row was not committed");
        Assert.Equal([owed.MessageId], effects.TakeCommitted().Select(m => m.MessageId));
        stored = (await storage.FindAsync(id, ct))!;

        await Assert.ThrowsAsync<SagaConcurrencyException>(() => storage.DeleteAsync(theirs, ct));
        await storage.DeleteAsync(stored, ct);
        Assert.Null(await storage.FindAsync(id, ct));
    }

    [Fact]
    public Task Sqlite_sent_outbox_rows_are_removed_by_the_next_saga_write() => CarriedRemovalAsync(new Dictionary<string, string?>());

    [PostgresFact]
    public Task PostgreSql_sent_outbox_rows_are_removed_by_the_next_saga_write() =>
        CarriedRemovalAsync(new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString });

    // Issue 21 item 2: a sent outbox row is deleted in the next saga write's transaction, not by one of its own; a write
    // that does not commit hands its carried rows to a removal of their own (never carrying them again), and its saga is
    // untouched (the version check still holds).
    private static async Task CarriedRemovalAsync(Dictionary<string, string?> settings)
    {
        // Nothing is removed on its own unless a carrying write failed: an hour's wait makes that visible.
        settings["CommerceBus:Sagas:Outbox:RemoveSentAloneAfter"] = "01:00:00";
        await using var hub = await TestHub.StartAsync(settings, configureServices: services => services.AddSingleton<IOutboxSender, ConfirmingSender>());
        var ct = CancellationToken.None;
        var delivery = hub.Services.GetRequiredService<OutboxDelivery>();
        var contexts = hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var unbound = (EfSagaStorage<OrderSagaRecord>)hub.Services.GetRequiredService<ISagaStorage<OrderSagaRecord>>();
        var id = Guid.NewGuid();
        await unbound.InsertAsync(new OrderSagaRecord { CorrelationId = id, CurrentState = "ReservingStock", OrderNumber = "S-2" }, ct);

        // One message's storage: its session's context, and the delivery whose sent rows its write removes.
        async Task<OrderSagaRecord> StepAsync(string state, OutboxMessageRecord? publishes = null, OrderSagaRecord? stale = null)
        {
            await using var session = new SagaDbSession(contexts);
            var storage = unbound.Bind(session, delivery);
            var saga = stale ?? (await storage.FindAsync(id, ct))!;
            saga.CurrentState = state;
            var effects = new SagaSideEffects();
            if (publishes is not null)
            {
                effects.Publish(publishes);
            }

            await storage.UpdateAsync(saga, effects, ct);
            Assert.Equal(1, await delivery.DeliverAsync(effects.TakeCommitted(), ct));
            return saga;
        }

        // Sent, and still on disk until a write carries its removal; the sweep leaves it alone meanwhile.
        var first = Row(id);
        await StepAsync("CapturingPayment", first);
        Assert.True(await OutboxHasAsync(hub, first.MessageId), "the sent row was removed by a statement of its own, not by the next saga write");
        Assert.True(delivery.IsInFlight(first.MessageId), "a sent row waiting for its removal is not marked in flight: the sweep would send it again");

        // The next write (whatever it publishes) deletes it in its own transaction.
        var second = Row(id);
        var stale = await StepAsync("BookingOrder", second);
        Assert.False(await OutboxHasAsync(hub, first.MessageId), "the next saga write did not delete the sent row it carried");
        Assert.False(delivery.IsInFlight(first.MessageId));

        // A carried row already gone (another hub's sweep sent and removed it): nothing of the write is committed, the
        // step is refused as a conflict (it runs again on a fresh load), and the row is not carried again.
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await db.OutboxMessages.Where(m => m.MessageId == second.MessageId).ExecuteDeleteAsync(ct);
        }

        var before = (await unbound.FindAsync(id, ct))!;
        await Assert.ThrowsAsync<SagaConcurrencyException>(() => StepAsync("ShippingOrder"));
        var after = (await unbound.FindAsync(id, ct))!;
        Assert.Equal((before.CurrentState, before.Version), (after.CurrentState, after.Version));
        await Eventually.MatchAsync(() => Task.FromResult(delivery.IsInFlight(second.MessageId)), f => !f, "the carried row of a refused write to be removed on its own");
        await StepAsync("ShippingOrder", Row(id));

        // A lost version check: the saga keeps the winner's change and the carried row is removed on its own.
        var third = Row(id);
        await StepAsync("Completing", third);
        Assert.True(delivery.IsInFlight(third.MessageId));
        await Assert.ThrowsAsync<SagaConcurrencyException>(() => StepAsync("Cancelled", stale: stale));
        Assert.Equal("Completing", (await unbound.FindAsync(id, ct))!.CurrentState);
        await Eventually.MatchAsync(() => OutboxHasAsync(hub, third.MessageId), has => !has, "the row carried by a write that lost its version check to be removed on its own");
    }

    private static OutboxMessageRecord Row(Guid sagaId) =>
        new() { MessageId = Guid.NewGuid(), SagaId = sagaId, MessageType = "T", Body = "{}", CreatedAt = DateTime.UtcNow };

    // The broker's confirm, without a broker: this test is about the rows, not the send.
    private sealed class ConfirmingSender : IOutboxSender
    {
        public Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static async Task<bool> OutboxHasAsync(TestHub hub, Guid messageId)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AnyAsync(m => m.MessageId == messageId);
    }
}
