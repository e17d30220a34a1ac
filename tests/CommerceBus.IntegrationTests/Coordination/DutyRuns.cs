using CommerceBus.Core.Duties;
using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.IntegrationTests.Coordination;

/// <summary>The <c>duty_runs</c> of a PostgreSQL hub database, read straight from it, and hub settings with short duty periods.</summary>
public sealed class DutyRuns(string connectionString)
{
    /// <summary>The periodic duties every hub has, by their names in <c>duty_runs</c> (the contract with the scale-out test).</summary>
    public static readonly string[] Periodic = ["stalled-redrive", "outbox-sweep", "retention"];

    /// <summary>The period each duty is given by <see cref="Settings"/>.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>A hub on this database named <paramref name="instance"/>, every duty every <see cref="Period"/>.</summary>
    public Dictionary<string, string?> Settings(string instance) => new()
    {
        ["CommerceBus:Storage:PostgreSql"] = connectionString,
        ["CommerceBus:InstanceId"] = instance,
        ["CommerceBus:Sagas:Outbox:SweepEvery"] = "00:00:01",
        ["CommerceBus:Sagas:OrderFulfillment:RedriveEvery"] = "00:00:01",
        ["CommerceBus:Retention:RunEvery"] = "00:00:01",
    };

    public async Task<long> LastIdAsync()
    {
        await using var db = Open();
        return await db.DutyRuns.MaxAsync(r => (long?)r.Id) ?? 0;
    }

    /// <summary>The runs recorded after the run <paramref name="afterId"/>, in order.</summary>
    public async Task<List<DutyRunRecord>> SinceAsync(long afterId)
    {
        await using var db = Open();
        return await db.DutyRuns.AsNoTracking().Where(r => r.Id > afterId).OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>Whether each periodic duty has at least <paramref name="runs"/> runs in <paramref name="recorded"/> (by <paramref name="instance"/>, when given).</summary>
    public static bool EachRan(List<DutyRunRecord> recorded, int runs, string? instance = null) =>
        Periodic.All(duty => recorded.Count(r => r.Duty == duty && (instance is null || r.Instance == instance)) >= runs);

    private HubDbContext Open() => new(new DbContextOptionsBuilder<HubDbContext>().UseNpgsql(connectionString).UseHubModelWithOrders().Options);
}
