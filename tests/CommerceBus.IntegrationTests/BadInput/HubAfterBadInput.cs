using System.Net;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using CommerceBus.Fulfillment.Orders;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// What must hold of a hub after a bad-input run: it still answers, nothing of a refused case reached the database,
/// and the live managed heap stays within a generous bound.
/// </summary>
public static class HubAfterBadInput
{
    /// <summary>
    /// How much the live managed heap of the test process (the hub runs in it) may grow over one bad-input run, after
    /// forced full collections. Generous: the suite sends a few MiB in all; a leak that kept what it read would pass this
    /// within a few runs, an unbounded buffer of an oversized body at once. Growth, not size: the same process hosts the
    /// hubs of the tests running beside this one (late in the full suite the process's heap passed 1 GiB).
    /// </summary>
    public const long MaxLiveHeapGrowthBytes = 512L * 1024 * 1024;

    public static async Task AssertHealthyAsync(TestHub hub)
    {
        using var health = await hub.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>
    /// The hub's database holds this run's orders only (a hub per test class). Every order row, saga and "Accepted" journal entry belongs to an order the hub said it accepted, and every such
    /// order is on disk: nothing half-processed from a refused case, nothing lost from an accepted one.
    /// </summary>
    public static async Task AssertNothingHalfProcessedAsync(TestHub hub, BadInputTally tally)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        var orders = await db.Orders.AsNoTracking().Select(o => o.OrderNumber).ToListAsync();
        var accepted = tally.AcceptedOrders.Keys.ToHashSet();
        None(orders.Where(o => !accepted.Contains(o)), "order rows of refused cases");
        None(accepted.Where(a => !orders.Contains(a)), "accepted orders without an order row");

        var journaled = await db.Journal.AsNoTracking()
            .Where(e => e.Outcome == JournalOutcomes.Accepted && e.OrderNumber != null)
            .Select(e => e.OrderNumber!).Distinct().ToListAsync();
        None(journaled.Where(o => !accepted.Contains(o)), "'Accepted' journal entries of refused cases");

        var sagas = await db.OrderSagas.AsNoTracking().Select(s => s.OrderNumber).ToListAsync();
        None(sagas.Where(o => !accepted.Contains(o)), "sagas of refused cases");
    }

    private static void None(IEnumerable<string> found, string what)
    {
        var list = found.ToList();
        Assert.True(list.Count == 0, $"{list.Count} {what}: {string.Join(", ", list.Take(20))}");
    }

    public static void AssertBoundedMemory(Xunit.Abstractions.ITestOutputHelper output, BadInputTally tally)
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var growth = live - tally.LiveHeapAtStart;
        output.WriteLine($"live managed heap: {tally.LiveHeapAtStart / (1024 * 1024)} MiB before the run, {live / (1024 * 1024)} MiB after " +
            $"(growth limit {MaxLiveHeapGrowthBytes / (1024 * 1024)} MiB)");
        Assert.True(growth < MaxLiveHeapGrowthBytes,
            $"The live managed heap grew by {growth} bytes over the bad-input run ({tally.LiveHeapAtStart} before, {live} after): " +
            "take a heap dump of the test process (dotnet-gcdump) to see what the hub kept of the bad input.");
    }

    /// <summary>Fails with the seed and the first failures of each category when any case broke a rule.</summary>
    public static void AssertNoFailures(BadInputTally tally)
    {
        if (tally.Failures.Count > 0)
        {
            Assert.Fail($"{tally.Failures.Count} of {tally.Total} bad-input cases of {tally.Adapter} broke a rule ({BadInputSeed.Reproduce(tally.Adapter)}):\n"
                + string.Join("\n", tally.Failures.GroupBy(f => f.Split('/')[0].Split(' ')[^1]).SelectMany(g => g.Take(4))));
        }
    }

    /// <summary>The hub still takes a valid order and completes it.</summary>
    public static async Task AssertCompletesAsync(TestHub hub, BadInputTally tally, string orderNumber)
    {
        tally.AcceptedOrders[orderNumber] = "the valid order after the run";
        // Behind it in the queue are the sagas of every mutation that stayed valid: a generous deadline.
        var status = await Eventually.MatchAsync(
            () => hub.Gateway.GetStatusAsync(OrderFamily.Name, orderNumber, CancellationToken.None),
            s => s is not null && s.Status is "Completed" or "Failed",
            $"order {orderNumber} to complete",
            TimeSpan.FromMinutes(3));
        Assert.Equal("Completed", status!.Status);
    }

    /// <summary>Runs the cases on <paramref name="workers"/> concurrent workers (each with its own connection where that matters).</summary>
    public static Task RunAsync(IReadOnlyList<BadInputCase> cases, int workers, Func<int, BadInputCase, Task> run)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < cases.Count)
            {
                await run(worker, cases[i]);
            }
        })));
    }
}
