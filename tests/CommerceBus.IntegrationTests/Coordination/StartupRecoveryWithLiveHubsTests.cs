using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.Sagas;
using CommerceBus.Persistence.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Coordination;

/// <summary>
/// Start-up recovery on a database other hubs work on (PostgreSQL, each hub with its in-memory bus, so a hub that
/// started alone would resume every saga that owes something): a hub that joins while another is working leaves that
/// hub's order alone; a hub that starts alone after the others are gone recovers it at once, long before the stalled
/// re-drive (an hour here) would.
/// </summary>
public sealed class StartupRecoveryWithLiveHubsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public async Task A_hub_joining_a_working_hub_does_not_redrive_its_order_and_a_hub_alone_after_them_recovers_it()
    {
        var runs = new DutyRuns(database.ConnectionString);
        var order = Orders.Valid();
        var gate = new PaymentsGate();
        await using (var a = await TestHub.StartAsync(Settings("recovery-a", gated: true), configureServices: services =>
        {
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        }))
        {
            // Hub A works on the order: its payment is held at the gate, the saga waits on it.
            await StepTimeoutTests.PlaceAsync(a, order);
            await a.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "the saga waiting on its payment at hub A");

            // Hub B joins: its start-up recovery must not resume A's saga (its payments are not gated: a re-drive would capture at once).
            await using (var b = await TestHub.StartAsync(Settings("recovery-b", gated: false)))
            {
                Assert.True(b.Services.GetRequiredService<IHubCoordination>().OthersWereLive, "hub B found hub A live when it joined");
                gate.Open();
                Assert.Equal("Completed", (await a.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);

                Assert.Equal(0, b.Demo.Payments.CaptureCount);
                Assert.Equal(1, a.Demo.Payments.CaptureCount);
                var delivered = await a.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber
                    && e.Direction == JournalDirection.Outbound && e.Outcome == JournalOutcomes.Delivered));
                Assert.Single(delivered, e => e.MessageType.StartsWith("CapturePayment", StringComparison.Ordinal));
                Assert.DoesNotContain(await runs.SinceAsync(0), r => r.Instance == "recovery-b" && r.Duty == "startup-recovery");
            }
        }

        // Both gone: a second order stalls at hub C's gate, C is stopped, and hub D starts alone on the database.
        var stalled = Orders.Valid();
        await using (var c = await TestHub.StartAsync(Settings("recovery-c", gated: true), configureServices: services =>
        {
            services.AddSingleton(new PaymentsGate());
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        }))
        {
            await StepTimeoutTests.PlaceAsync(c, stalled);
            await c.WaitForSagaAsync(stalled.OrderNumber!, s => s.WaitingFor == "CapturePayment", "the saga waiting on its payment at hub C");
        }

        await using var d = await TestHub.StartAsync(Settings("recovery-d", gated: false));
        Assert.False(d.Services.GetRequiredService<IHubCoordination>().OthersWereLive, "hub D started alone");
        Assert.Equal("Completed", (await d.WaitForStatusAsync(stalled.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal(1, d.Demo.Payments.CaptureCount);
        var recovery = Assert.Single(await runs.SinceAsync(0), r => r.Instance == "recovery-d" && r.Duty == "startup-recovery");
        Assert.Equal("ok", recovery.Outcome);
        Assert.True(recovery.Items >= 1, "the start-up recovery re-drove the stalled order");
    }

    // The stalled re-drive waits an hour: only start-up recovery can resume an order within the test.
    private Dictionary<string, string?> Settings(string instance, bool gated)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString,
            ["CommerceBus:InstanceId"] = instance,
            ["CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter"] = "01:00:00",
        };
        if (gated)
        {
            foreach (var (key, value) in PaymentsGate.Settings)
            {
                settings[key] = value;
            }
        }

        return settings;
    }
}
