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

    private static async Task<bool> OutboxHasAsync(TestHub hub, Guid messageId)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AnyAsync(m => m.MessageId == messageId);
    }
}
