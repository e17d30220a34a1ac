using System.Net;
using System.Net.Http.Json;
using CommerceBus.Abstractions.Outbound;
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

/// <summary>
/// Two hubs on one PostgreSQL database handle two events of one order at the same moment: hub A the payment capture,
/// hub B the cancel. Both load the same saga version and write at once; optimistic concurrency must make one of them
/// re-apply its event to the other's result, so neither the capture nor the cancel is lost.
/// </summary>
public sealed class ConcurrentSagaEventsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public async Task Capture_and_cancel_racing_on_two_hubs_are_both_kept()
    {
        var race = new RacingSagaStorage.Race();
        var gate = new PaymentsGate();
        var settings = new Dictionary<string, string?>(PaymentsGate.Settings) { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString };
        await using var hubA = await TestHub.StartAsync(settings, configureServices: services =>
        {
            Racing(services, race);
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        });
        await using var hubB = await TestHub.StartAsync(
            new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString },
            configureServices: services => Racing(services, race));

        var order = Orders.Valid();
        var trackingId = await StepTimeoutTests.PlaceAsync(hubA, order);
        await hubA.WaitForSagaAsync(order.OrderNumber!, s => s.WaitingFor == "CapturePayment", "waiting for payment");

        race.Arm(trackingId);
        gate.Open();
        using var cancel = await hubB.Http.PostAsJsonAsync($"/api/orders/{order.OrderNumber}/cancel", new { reason = "raced" });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        // Neither write may be lost: the saga ends knowing both the capture and the cancel. Which end it reaches depends
        // on which writer lost the race: re-applied before the booking, the cancel wins (Cancelled, refunded once);
        // re-applied after the shipment was requested, or after the order completed, it is recorded as too late and the
        // order completes.
        var status = await hubA.WaitForStatusAsync(order.OrderNumber!, "Cancelled", "Completed", "Failed");
        // A cancel that lost the race to the last steps reaches the saga after it completed; it is still kept.
        var saga = await hubA.WaitForSagaAsync(
            order.OrderNumber!, s => s.CurrentState is "Cancelled" or "Completed" && s.CancelRequested, "the saga to end knowing the cancel (the cancel was not lost)");
        Assert.True(race.Conflicts >= 1, "the two writes raced and one of them was refused");
        Assert.NotNull(saga!.PaymentId);
        Assert.True(saga.CancelRequested, "the cancel was not lost");
        Assert.Equal("raced", saga.CancelReason);
        var refunds = hubA.Demo.Payments.Refunded.Count + hubB.Demo.Payments.Refunded.Count;
        if (status!.Status == "Cancelled")
        {
            Assert.Equal("raced", status.Reason);
            saga = await hubA.WaitForSagaAsync(order.OrderNumber!, s => s.PaymentRefunded && s.StockReleased, "payment refunded and stock released");
            Assert.Equal(1, hubA.Demo.Payments.Refunded.Count + hubB.Demo.Payments.Refunded.Count);
        }
        else
        {
            Assert.Equal("Completed", status.Status);
            Assert.Equal(0, refunds);
        }
    }

    private static void Racing(IServiceCollection services, RacingSagaStorage.Race race) =>
        services.AddSingleton<ISagaStorage<OrderSagaRecord>>(sp =>
            new RacingSagaStorage(new EfSagaStorage<OrderSagaRecord>(sp.GetRequiredService<IDbContextFactory<HubDbContext>>()), race));
}
