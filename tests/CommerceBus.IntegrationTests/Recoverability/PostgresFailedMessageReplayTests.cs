using System.Net;
using CommerceBus.Conformance;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;
using static CommerceBus.IntegrationTests.Recoverability.FailedMessageReplayTests;

namespace CommerceBus.IntegrationTests.Recoverability;

/// <summary>The poison capture on the production storage: PostgreSQL for the hub and for Hangfire's delayed redeliveries.</summary>
public sealed class PostgresFailedMessageReplayTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public async Task A_poison_capture_is_parked_after_its_delayed_retries_and_replayed_once_on_PostgreSQL()
    {
        var payments = new PoisonPayments();
        await using var hub = await StartAsync(payments, database.ConnectionString);
        var order = Orders.Valid();
        payments.Broken[order.OrderNumber!] = true;

        await PlaceAsync(hub, order);
        var failed = await WaitForFailedAsync(hub, order.OrderNumber!);

        Assert.Equal([0, 0, 1, 1, 2, 2], failed.GetProperty("attemptHistory").EnumerateArray().Select(a => a.GetProperty("round").GetInt32()));
        payments.Broken.Clear();
        var id = failed.GetProperty("id").GetInt64();
        using (var retry = await PostAsync(hub, $"{Api}/{id}/retry", "dora"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        using (var again = await PostAsync(hub, $"{Api}/{id}/retry", "dora"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        Assert.Equal([1], payments.Applied.Values);
        var audit = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.SourceAdapter == "operations"));
        Assert.Equal([JournalOutcomes.Retried], audit.Select(e => e.Outcome));
    }
}
