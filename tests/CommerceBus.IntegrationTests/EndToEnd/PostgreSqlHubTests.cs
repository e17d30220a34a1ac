using System.Net;
using System.Net.Http.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Core.Journal;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;

namespace CommerceBus.IntegrationTests.EndToEnd;

/// <summary>The hub with PostgreSQL as its database (the production configuration) instead of the embedded SQLite file.</summary>
public sealed class PostgreSqlHubTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public async Task Order_placed_on_a_PostgreSQL_hub_completes_and_is_journaled_there()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString });
        var order = Orders.Valid();
        var again = order with { };

        using var first = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
        using var resent = await hub.Http.PostAsJsonAsync("/api/orders", again, CanonicalJson.Options);
        using var conflict = await hub.Http.PostAsJsonAsync("/api/orders", order with { CustomerId = "OTHER" }, CanonicalJson.Options);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        var inbound = await hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.Direction == JournalDirection.Inbound));
        Assert.Equal([JournalOutcomes.Accepted, JournalOutcomes.Duplicate, JournalOutcomes.Conflict], inbound.Select(e => e.Outcome));
    }
}
