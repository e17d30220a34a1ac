using CommerceBus.Conformance;
using CommerceBus.Persistence;
using CommerceBus.Core.Retention;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CommerceBus.IntegrationTests.Retention.RetentionSeed;
using CommerceBus.Core.Duties;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;

namespace CommerceBus.IntegrationTests.Retention;

/// <summary>
/// The retention run on the real hub's database (SQLite and PostgreSQL), on a hub clock a year ahead of the machine's:
/// what is old goes, in batches; what is new, unfinished or still owed stays (never an unfinished order, never a
/// Failed failed message); a second run finds nothing.
/// </summary>
public sealed class RetentionTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public Task Retention_deletes_what_is_old_and_keeps_what_is_new_or_unfinished_on_SQLite() => DeletesOldKeepsNewAsync(null);

    [PostgresFact]
    public Task Retention_deletes_what_is_old_and_keeps_what_is_new_or_unfinished_on_PostgreSQL() => DeletesOldKeepsNewAsync(database.ConnectionString);

    [Fact]
    public async Task Inbox_retention_shorter_than_the_re_send_window_or_the_orders_stops_the_start()
    {
        var tooShort = await Assert.ThrowsAnyAsync<Exception>(() => TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:Retention:Inbox"] = "1.00:00:00" }));
        Assert.Contains("CommerceBus:Retention:Inbox", tooShort.ToString(), StringComparison.Ordinal);
        Assert.Contains("7 days", tooShort.ToString(), StringComparison.Ordinal);

        var shorterThanOrders = await Assert.ThrowsAnyAsync<Exception>(() => TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["CommerceBus:Retention:Inbox"] = "30.00:00:00",
            ["CommerceBus:Retention:FinishedOrders"] = "60.00:00:00",
        }));
        Assert.Contains("CommerceBus:Retention:FinishedOrders", shorterThanOrders.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_on_SQLite_truncates_the_write_ahead_log()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:Retention:RunEvery"] = "1.00:00:00" });
        var wal = Path.Combine(hub.DataDirectory, "commercebus.db-wal");
        var now = hub.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using (var db = await ContextAsync(hub))
        {
            db.Journal.AddRange(Enumerable.Range(0, 2000).Select(_ => Journal(now)));
            await db.SaveChangesAsync();
        }

        var before = new FileInfo(wal).Length;
        await hub.Services.GetRequiredService<RetentionSweeper>().RunOnceAsync(CancellationToken.None);
        var after = new FileInfo(wal).Length;

        // The hub may write a page or two of its own right after the checkpoint; the 2000 entries' log is gone.
        Assert.True(before > 100_000, $"the WAL held {before} bytes after 2000 journal entries");
        Assert.True(after < before / 10, $"the WAL held {after} bytes after the run, {before} before");
    }

    [Fact]
    public async Task The_running_hub_applies_retention_every_period()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:Retention:RunEvery"] = "00:00:00.2" });
        var now = hub.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using (var db = await ContextAsync(hub))
        {
            db.Journal.AddRange(Journal(now.AddDays(-31)), Journal(now.AddDays(-1)));
            await db.SaveChangesAsync();
        }

        await Eventually.MatchAsync(
            async () => { await using var db = await ContextAsync(hub); return await db.Journal.CountAsync(e => e.ReceivedAt < now.AddDays(-30)); },
            old => old == 0,
            "the journal entry older than 30 days to be deleted by the running hub");
        await using (var db = await ContextAsync(hub))
        {
            Assert.Equal(1, await db.Journal.CountAsync());
        }
    }

    private static async Task DeletesOldKeepsNewAsync(string? postgres)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Retention:RunEvery"] = "1.00:00:00",
            ["CommerceBus:Retention:BatchSize"] = "2",
            ["CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter"] = "1.00:00:00",
        };
        if (postgres is not null)
        {
            settings["CommerceBus:Storage:PostgreSql"] = postgres;
        }

        // A fake clock: the hub lives a year ahead, so "old" is measured against its clock, not the machine's.
        await using var hub = await TestHub.StartAsync(settings, configureServices: s => s.AddSingleton<TimeProvider>(new ShiftedClock(TimeSpan.FromDays(365))));
        var now = hub.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var old = now.AddDays(-200);
        var recent = now.AddDays(-1);
        var prefix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string Number(int n) => $"R{prefix}{n}";
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();

        await using (var db = await ContextAsync(hub))
        {
            db.Journal.AddRange(Journal(old), Journal(old), Journal(old), Journal(recent), Journal(recent));
            db.Inbox.AddRange(Inbox(old), Inbox(now.AddDays(-10)));

            // 0: finished long ago with its saga: both go, and its lines with it.
            db.Orders.Add(Order(Number(0), ids[0], old));
            db.OrderSagas.Add(Saga(Number(0), ids[0], "Completed", old));
            // 1: accepted long ago and never finished: stays.
            db.Orders.Add(Order(Number(1), ids[1], old));
            db.OrderSagas.Add(Saga(Number(1), ids[1], "CapturingPayment", old));
            // 2: failed long ago, its refund never confirmed: the saga owes it, so saga and order stay.
            db.Orders.Add(Order(Number(2), ids[2], old));
            var owing = Saga(Number(2), ids[2], "Failed", old);
            owing.PaymentId = "P-1";
            db.OrderSagas.Add(owing);
            // 3: failed long ago, everything undone: goes.
            db.Orders.Add(Order(Number(3), ids[3], old));
            var undone = Saga(Number(3), ids[3], "Failed", old);
            undone.PaymentId = "P-2";
            undone.PaymentRefunded = true;
            db.OrderSagas.Add(undone);
            // 4: completed yesterday: stays. 5: cancelled long ago before its saga took the order (an upgraded database
            // has such orders): orders go with their ended sagas, and this saga never ran, so both stay.
            db.Orders.Add(Order(Number(4), ids[4], recent));
            db.OrderSagas.Add(Saga(Number(4), ids[4], "Completed", recent));
            db.Orders.Add(Order(Number(5), ids[5], old));
            var neverRan = Saga(Number(5), ids[5], OrderFulfillmentStates.NotStarted, old);
            neverRan.Status = "Cancelled";
            db.OrderSagas.Add(neverRan);

            db.FailedMessages.AddRange(
                Failed(FailedMessageStatus.Failed, old, null),
                Failed(FailedMessageStatus.Retried, old, old),
                Failed(FailedMessageStatus.Discarded, old, old),
                Failed(FailedMessageStatus.Discarded, old, recent));

            // Records of duty runs: the old one goes, yesterday's stays.
            db.DutyRuns.AddRange(
                new DutyRunRecord { Duty = "outbox-sweep", Instance = "old", StartedAt = old, FinishedAt = old, Outcome = DutyRunRecord.Ok },
                new DutyRunRecord { Duty = "outbox-sweep", Instance = "recent", StartedAt = recent, FinishedAt = recent, Outcome = DutyRunRecord.Ok });
            await db.SaveChangesAsync();
        }

        var sweeper = hub.Services.GetRequiredService<RetentionSweeper>();
        var run = await sweeper.RunOnceAsync(CancellationToken.None);

        Assert.False(run.BudgetSpent);
        Assert.Equal(3, run.Deleted["journal"]);
        Assert.Equal(1, run.Deleted["inbox"]);
        Assert.Equal(2, run.Deleted["order_sagas"]);
        Assert.Equal(2, run.Deleted["orders"]);
        Assert.Equal(2, run.Deleted["failed_messages"]);
        Assert.Equal(1, run.Deleted["duty_runs"]);

        await using (var db = await ContextAsync(hub))
        {
            Assert.Equal(2, await db.Journal.CountAsync());
            Assert.All(await db.Journal.ToListAsync(), e => Assert.Equal(recent, e.ReceivedAt, TimeSpan.FromSeconds(1)));
            Assert.Equal(1, await db.Inbox.CountAsync());
            Assert.Equal([Number(1), Number(2), Number(4), Number(5)], (await db.Orders.Select(o => o.OrderNumber).ToListAsync()).Order());
            Assert.Equal([Number(1), Number(2), Number(4), Number(5)], (await db.OrderSagas.Select(s => s.OrderNumber).ToListAsync()).Order());
            Assert.Equal([Number(1), Number(2), Number(4), Number(5)], (await db.OrderLines.Select(l => l.OrderNumber).ToListAsync()).Order());
            var failed = await db.FailedMessages.OrderBy(f => f.Id).Select(f => f.Status).ToListAsync();
            Assert.Equal([FailedMessageStatus.Failed, FailedMessageStatus.Discarded], failed);
            Assert.DoesNotContain(await db.DutyRuns.Select(r => r.Instance).ToListAsync(), i => i == "old");
        }

        var again = await sweeper.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, again.Total);
    }

    private static Task<HubDbContext> ContextAsync(TestHub hub) =>
        hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
}
