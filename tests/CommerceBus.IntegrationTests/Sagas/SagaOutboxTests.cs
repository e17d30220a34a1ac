using CommerceBus.Conformance;
using CommerceBus.Persistence;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// The saga's durable outbox, on the embedded default (SQLite, in-memory bus): a step's published message that did not
/// reach the broker after its commit is sent from the <c>outbox_messages</c> table, by the running hub's sweep (the
/// broker refused the send) or at the next start (the hub stopped between the commit and the send). The stalled-order
/// re-drive is set to an hour, so it is not what gets the order through.
/// </summary>
public sealed class SagaOutboxTests
{
    [Fact]
    public Task A_send_refused_after_the_commit_is_sent_from_the_table_while_the_hub_runs() =>
        RefusedSendIsSweptAsync(new Dictionary<string, string?>());

    [Fact]
    public Task A_send_lost_when_the_hub_stopped_after_the_commit_is_sent_from_the_table_at_the_next_start()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        return StoppedAfterCommitAsync(new Dictionary<string, string?>(), data);
    }

    internal static async Task RefusedSendIsSweptAsync(Dictionary<string, string?> settings)
    {
        var sender = (RefusingOutboxSender?)null;
        await using var hub = await TestHub.StartAsync(Outboxed(settings, sweepEvery: "00:00:01"), configureServices: services =>
            services.AddSingleton<IOutboxSender>(sp => sender = new RefusingOutboxSender(
                new BusOutboxSender(sp.GetRequiredService<IBus>()), RefusingOutboxSender.First("CapturePayment", 1))));

        var order = Orders.Valid();
        await StepTimeoutTests.PlaceAsync(hub, order);

        var status = await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed", "Cancelled");
        Assert.Equal("Completed", status!.Status);
        var refused = Assert.Single(sender!.Refused);
        Assert.EndsWith(".CapturePayment", refused.MessageType, StringComparison.Ordinal);

        // The message that got through is the stored row itself, identity and all, not a new send by a re-drive.
        var resent = Assert.Single(sender.Sent, m => m.MessageId == refused.MessageId);
        Assert.Equal((refused.CorrelationId, refused.ConversationId, refused.InitiatorId, refused.Headers), (resent.CorrelationId, resent.ConversationId, resent.InitiatorId, resent.Headers));
        Assert.Equal(1, hub.Demo.Payments.CaptureCount);
        await Eventually.MatchAsync(() => OutboxRowsAsync(hub), rows => rows == 0, "every outbox row sent and removed");
    }

    internal static async Task StoppedAfterCommitAsync(Dictionary<string, string?> settings, string dataDirectory)
    {
        OutboxMessageRecord lost;
        var order = Orders.Valid();

        // Hub A commits the payment step, but no send of it ever reaches the broker; its sweep would wait an hour.
        await using (var hubA = await TestHub.StartAsync(Outboxed(settings, sweepEvery: "01:00:00"), dataDirectory: dataDirectory, configureServices: services =>
            services.AddSingleton<IOutboxSender>(sp => new RefusingOutboxSender(
                new BusOutboxSender(sp.GetRequiredService<IBus>()), RefusingOutboxSender.First("CapturePayment", int.MaxValue)))))
        {
            await StepTimeoutTests.PlaceAsync(hubA, order);
            await hubA.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "the payment step committed");
            lost = (await Eventually.MatchAsync(
                async () => (await OutboxRowsOfAsync(hubA)).SingleOrDefault(m => m.MessageType.EndsWith(".CapturePayment", StringComparison.Ordinal)),
                row => row is not null,
                "the refused CapturePayment row in the outbox"))!;
            Assert.Equal(0, hubA.Demo.Payments.CaptureCount);
        }

        // Hub B starts on the same database: the committed row is sent as it was stored, and the order completes.
        var sender = (RefusingOutboxSender?)null;
        await using var hubB = await TestHub.StartAsync(Outboxed(settings, sweepEvery: "01:00:00"), dataDirectory: dataDirectory, configureServices: services =>
            services.AddSingleton<IOutboxSender>(sp => sender = new RefusingOutboxSender(new BusOutboxSender(sp.GetRequiredService<IBus>()), _ => false)));
        var status = await hubB.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed", "Cancelled");
        Assert.Equal("Completed", status!.Status);
        await Eventually.MatchAsync(() => Task.FromResult(sender!.Sent.Any(m => m.MessageId == lost.MessageId)), sent => sent, "the stored row sent at start-up");

        // Start-up recovery re-sends the waiting step's command as well; the idempotency key makes it one capture.
        Assert.Equal(1, hubB.Demo.Payments.CaptureCount);
        await Eventually.MatchAsync(() => OutboxRowsAsync(hubB), rows => rows == 0, "every outbox row sent and removed");
    }

    private static Dictionary<string, string?> Outboxed(Dictionary<string, string?> settings, string sweepEvery) =>
        new(settings)
        {
            ["CommerceBus:Sagas:Outbox:SweepEvery"] = sweepEvery,
            ["CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter"] = "01:00:00",
        };

    private static async Task<int> OutboxRowsAsync(TestHub hub) => (await OutboxRowsOfAsync(hub)).Count;

    private static async Task<List<OutboxMessageRecord>> OutboxRowsOfAsync(TestHub hub)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }
}

/// <summary>The same on the production configuration: the bus on RabbitMQ (a virtual host per test), the hub database on PostgreSQL.</summary>
[Collection(RabbitCollection.Name)]
public sealed class RabbitPostgresSagaOutboxTests
{
    [RabbitPostgresFact]
    public Task A_send_refused_after_the_commit_is_sent_from_the_table_while_the_hub_runs() =>
        RabbitAndPostgres.RunAsync("outbox-refused", settings => SagaOutboxTests.RefusedSendIsSweptAsync(settings));

    [RabbitPostgresFact]
    public Task A_send_lost_when_the_hub_stopped_after_the_commit_is_sent_from_the_table_at_the_next_start() =>
        RabbitAndPostgres.RunAsync("outbox-stopped", settings =>
            SagaOutboxTests.StoppedAfterCommitAsync(settings, Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"))));
}
