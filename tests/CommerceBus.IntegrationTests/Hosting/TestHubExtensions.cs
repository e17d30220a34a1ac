using CommerceBus.Abstractions.Inbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>What tests ask a running hub, straight from its read model and journal.</summary>
public static class TestHubExtensions
{
    /// <summary>Waits until the read model shows the order in one of <paramref name="statuses"/>.</summary>
    public static Task<StatusView?> WaitForStatusAsync(this TestHub hub, string orderNumber, params string[] statuses) =>
        Eventually.MatchAsync(
            () => hub.Gateway.GetStatusAsync(OrderFamily.Name, orderNumber, CancellationToken.None),
            s => s is not null && statuses.Contains(s.Status),
            $"order {orderNumber} to be {string.Join(" or ", statuses)}");

    public static async Task<List<JournalEntry>> JournalAsync(this TestHub hub, Func<IQueryable<JournalEntry>, IQueryable<JournalEntry>> query)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await query(db.Journal.AsNoTracking()).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>How many messages the hub has parked (failed-message rows).</summary>
    public static async Task<int> ParkedCountAsync(this TestHub hub)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.FailedMessages.CountAsync();
    }

    /// <summary>
    /// A client of its own for a request the hub may refuse before reading all of it (413): it asks first
    /// (<c>Expect: 100-continue</c>) and does not keep the connection, which the hub closes after such an answer, away
    /// from the shared <see cref="TestHub.Http"/> that other tests reuse.
    /// </summary>
    public static HttpClient OneShotClient(this TestHub hub)
    {
        var client = new HttpClient { BaseAddress = hub.Http.BaseAddress };
        client.DefaultRequestHeaders.ConnectionClose = true;
        client.DefaultRequestHeaders.ExpectContinue = true;
        return client;
    }
}
