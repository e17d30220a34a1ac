using CommerceBus.Conformance;
using CommerceBus.Core.Duties;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.Sagas;
using CommerceBus.Persistence.PostgreSql;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.Coordination;

/// <summary>
/// Two hubs on one PostgreSQL database, every periodic duty every second: each duty runs on one hub at a time, once per
/// period across both (counted in <c>duty_runs</c>), and when the hub holding them stops, or is killed with SIGKILL,
/// the other takes each duty over within the documented bound (one period plus <see cref="PostgreSqlHubCoordination.DeadPeerTimeout"/>).
/// </summary>
public sealed class DutyLeaseTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    // The documented handover bound (docs/reliability.md), used as the deadline of the takeover.
    private static readonly TimeSpan HandoverBound = DutyRuns.Period + PostgreSqlHubCoordination.DeadPeerTimeout;

    [PostgresFact]
    public async Task Two_hubs_run_each_duty_once_per_period_and_the_other_takes_over_when_the_holder_stops()
    {
        var runs = new DutyRuns(database.ConnectionString);
        var hubs = new Dictionary<string, TestHub>();
        try
        {
            hubs["lease-a"] = await TestHub.StartAsync(runs.Settings("lease-a"));
            hubs["lease-b"] = await TestHub.StartAsync(runs.Settings("lease-b"));
            var both = await runs.LastIdAsync();

            // Six periods and more with both hubs up.
            var together = await Eventually.MatchAsync(() => runs.SinceAsync(both), r => DutyRuns.EachRan(r, 6), "six runs of each duty with both hubs up", TimeSpan.FromSeconds(90));
            var holder = AssertOncePerPeriod(together)["outbox-sweep"];
            var survivor = hubs.Keys.Single(k => k != holder);

            // The holder of the outbox sweep stops (a deploy, a scale-in): the other takes every duty it held.
            await hubs[holder].DisposeAsync();
            hubs.Remove(holder);
            var afterStop = await runs.LastIdAsync();

            var taken = await Eventually.MatchAsync(() => runs.SinceAsync(afterStop), r => DutyRuns.EachRan(r, 1, survivor), $"{survivor} to run every duty after the holder stopped", HandoverBound);
            output.WriteLine(string.Join(Environment.NewLine, taken.Select(r => $"{r.Duty} {r.Instance} {r.StartedAt:HH:mm:ss.fff}")));
            Assert.All(taken, r => Assert.Equal(survivor, r.Instance));
        }
        finally
        {
            foreach (var hub in hubs.Values)
            {
                await hub.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task When_the_hub_holding_the_duties_is_killed_the_other_hub_process_takes_them_over()
    {
        var runs = new DutyRuns(database.ConnectionString);
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        static Dictionary<string, string> Of(Dictionary<string, string?> settings) => settings.ToDictionary(s => s.Key, s => s.Value!);

        // Started side by side: of two hubs joining at once exactly one finds no other live, and a cold start is slow here.
        Task<HubProcess>[] starting = [HubProcess.StartAsync(data, Of(runs.Settings("kill-a"))), HubProcess.StartAsync(data, Of(runs.Settings("kill-b")))];
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                started.Result.Dispose();
            }

            throw;
        }

        using var a = starting[0].Result;
        using var b = starting[1].Result;
        var both = await runs.LastIdAsync();
        var together = await Eventually.MatchAsync(() => runs.SinceAsync(both), r => DutyRuns.EachRan(r, 3), "three runs of each duty with both hubs up", TimeSpan.FromSeconds(90));
        var holders = AssertOncePerPeriod(together);

        var (holder, survivor, name) = holders["outbox-sweep"] == "kill-a" ? (a, b, "kill-b") : (b, a, "kill-a");
        holder.Crash();
        var afterKill = await runs.LastIdAsync();

        var taken = await Eventually.MatchAsync(() => runs.SinceAsync(afterKill), r => DutyRuns.EachRan(r, 1, name), $"{name} to run every duty after the holder was killed (log: {survivor.Log})", HandoverBound);
        Assert.All(taken, r => Assert.Equal(name, r.Instance));
    }

    // Each duty ran on one hub only while both were up, and no more often than its period allows (two hubs running it
    // each on its own timer would show both instances and about twice the runs). Returns each duty's holder.
    private Dictionary<string, string> AssertOncePerPeriod(List<DutyRunRecord> recorded)
    {
        var holders = new Dictionary<string, string>();
        foreach (var duty in DutyRuns.Periodic)
        {
            var ofDuty = recorded.Where(r => r.Duty == duty).ToList();
            output.WriteLine($"{duty}: {string.Join(", ", ofDuty.Select(r => $"{r.Instance}@{r.StartedAt:HH:mm:ss.fff}"))}");
            holders[duty] = Assert.Single(ofDuty.Select(r => r.Instance).Distinct());
            Assert.All(ofDuty, r => Assert.Equal(DutyRunRecord.Ok, r.Outcome));

            // One timer ticks at most once per period: over the span from the first run to the last, at most span/period + 2 runs.
            var span = ofDuty[^1].StartedAt - ofDuty[0].StartedAt;
            Assert.True(ofDuty.Count <= span / DutyRuns.Period + 2, $"{duty} ran {ofDuty.Count} times in {span}: more than once per period of {DutyRuns.Period}");
        }

        return holders;
    }
}
