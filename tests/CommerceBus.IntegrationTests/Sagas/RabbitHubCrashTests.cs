using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// The production configuration of the crash tests: the hub's bus on RabbitMQ (a virtual host per test), its saga
/// store and Hangfire scheduler on PostgreSQL (a database per test). The hub process is killed with SIGKILL while the
/// order waits on each step in turn and started again: the order completes, each step applied once.
/// </summary>
/// <remarks>
/// Unlike the in-memory bus, the broker keeps the step command the killed process was handling (unacknowledged), so
/// the restarted hub receives it again besides recovery's own re-send: both carry the step's idempotency key.
/// </remarks>
[Collection(RabbitCollection.Name)]
public sealed class RabbitHubCrashTests
{
    [RabbitPostgresTheory]
    [InlineData("payments", "StockReserved")]
    [InlineData("erp-eu", "PaymentCaptured")]
    [InlineData("shipping", "Booked")]
    public async Task RabbitMq_PostgreSql_hub_killed_mid_saga_completes_the_order_after_restart(string heldEndpoint, string heldAt)
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("crash");
        var database = await PostgresServer.CreateDatabaseAsync("crash");
        try
        {
            await HubCrashTests.CrashAndRestartAsync(heldEndpoint, heldAt, _ => new Dictionary<string, string>
            {
                ["CommerceBus:RabbitMq:ConnectionString"] = vhost,
                ["CommerceBus:Storage:PostgreSql"] = database,
            }, _ => new DbContextOptionsBuilder<HubDbContext>().UseNpgsql(database).UseHubModelWithOrders().Options, brokerKeepsHeldCommand: true);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }
}
