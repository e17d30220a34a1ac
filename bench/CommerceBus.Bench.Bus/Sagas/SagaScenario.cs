using System.Diagnostics;
using System.Runtime;
using CommerceBus.Bench.Bus.Reporting;
using CommerceBus.Contracts.Orders;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Bench.Bus.Sagas;

/// <summary>
/// Scenario 4, saga transitions per second: whole orders driven through the real order fulfillment state machine on
/// the in-memory bus (five transitions each: placed, stock reserved, payment captured, booked, shipped), then ten
/// concurrent events on each of a set of instances, which conflict on the instance's version and are retried.
/// </summary>
/// <remarks>
/// A transition is one message applied to a stored instance: load, state machine, the journal entry and outbox rows
/// staged, versioned write of all of them in one transaction, then the outbox rows sent (removed by the next write). That is what the
/// hub pays per saga step, so it is measured through MassTransit's repository rather than by calling the storage directly.
/// </remarks>
internal static class SagaScenario
{
    // Issue 21 item 6: on PostgreSQL at least this many transitions a second, at most this much CPU per transition.
    private const double Target = 1500;
    private const double TargetCpuMs = 0.8;
    private const int EventsPerInstance = 10;

    public static async Task<ResultTable> RunAsync(BenchServers servers, BenchOptions options)
    {
        var table = new ResultTable("Saga transitions (order fulfillment state machine, EF Core saga storage)",
            "Storage", "Load", "transitions/s", "CPU ms/transition", "conflicts", "retries", "gave up");
        var orders = options.Count(600);
        var contended = options.Count(200) / 2;
        // BENCH_SAGA_WARMUP=N overrides the warm-up's orders (0: none, to measure what a cold process pays).
        var warmUp = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SAGA_WARMUP"), out var w) && w >= 0 ? w : options.Count(200);

        // BENCH_SAGA_STORAGE=PostgreSQL (or SQLite) runs one storage only: for profiling one of them.
        var only = Environment.GetEnvironmentVariable("BENCH_SAGA_STORAGE");
        var databases = new List<(string Name, string? Postgres)>();
        if (only is not { Length: > 0 } || only.Equals("SQLite", StringComparison.OrdinalIgnoreCase))
        {
            databases.Add(("SQLite", null));
        }

        if (servers.Postgres is not null && (only is not { Length: > 0 } || only.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)))
        {
            databases.Add(("PostgreSQL", await servers.CreateDatabaseAsync("bench_saga")));
        }

        (double Rate, double CpuMs)? postgresFlow = null;
        foreach (var (name, postgres) in databases)
        {
            await using var host = await SagaHost.StartAsync(postgres, BenchServers.TempDirectory("saga"));

            // Not measured: the first orders on a storage run its provider's code for the first time, and the runtime
            // compiles it (tiered JIT) while they run; measured cold, that compilation was about a fifth of the
            // PostgreSQL flow's CPU, which a running hub pays once, not per transition.
            await WarmUpAsync(host, name, warmUp);
            var flow = await RunFlowAsync(host, name, orders);
            table.Add(name, $"{orders} orders, 5 transitions each", Format.Rate(flow.Rate), Format.Number(flow.CpuMs, "0.00"), Format.Number(flow.Conflicts), Format.Number(flow.Conflicts), "0");
            if (postgres is not null)
            {
                postgresFlow = (flow.Rate, flow.CpuMs);
            }

            var race = await RunContendedAsync(host, name, contended);
            table.Add(name, $"{contended} instances × {EventsPerInstance} concurrent events", Format.Rate(race.Rate), Format.Number(race.CpuMs, "0.00"),
                Format.Number(race.Conflicts), Format.Number(race.Conflicts), Format.Number(race.Faulted));
        }

        table.Note("A transition is one event applied to a stored instance through MassTransit's saga repository: load, the " +
            "state machine's activities, and one transaction with the versioned update, the order's journal entry and the step's outbox rows " +
            "(the order's state is the saga row itself; the order row is not read), then the outbox rows sent (their removal rides the next saga write's batch), " +
            "on the hub's per-step services and pooled contexts; each storage is warmed up with orders not measured first. " +
            "Business endpoints are stand-ins that answer at once. The bus is in memory with the hub's endpoint policy " +
            "(retry 100 ms, 500 ms, 1 s, 2 s, 5 s; in-memory outbox; 8 messages at once).");
        table.Note("Contended: every instance waits in ReservingStock and receives ten CancelOrder at once; each write that finds " +
            "the version changed is a conflict, and the endpoint's retry applies the event again to a fresh load. " +
            "The rate there is dominated by the retry intervals, by design of the retry policy, not by the database.");
        table.Note(postgresFlow is { } pg
            ? $"Target: ≥ {Target:N0} transitions/s and ≤ {TargetCpuMs} ms CPU/transition on PostgreSQL — {Format.Rate(pg.Rate)}, {Format.Number(pg.CpuMs, "0.00")} ms, {Format.Target(pg.Rate >= Target && pg.CpuMs <= TargetCpuMs)}."
            : $"Target: ≥ {Target:N0} transitions/s and ≤ {TargetCpuMs} ms CPU/transition on PostgreSQL — {BenchServers.Missing}.");
        return table;
    }

    private static async Task WarmUpAsync(SagaHost host, string name, int count)
    {
        if (count == 0)
        {
            return;
        }

        // Rounds of `count` orders until one compiles fewer than JitWarmup.SettledBelow methods: a single round of 200
        // ended while the tier-1 recompiles of EF Core's and Npgsql's paths were still running.
        Progress.Say($"saga ({name}): warm-up, rounds of {count} orders through the whole flow (not measured)");
        await JitWarmup.UntilSettledAsync($"saga ({name})", async () =>
        {
            var tracking = await SeedOrdersAsync(host, "W", count);
            var completed = host.Endpoints.Completed;
            await Task.WhenAll(tracking.Select(t => PlaceAsync(host.Bus, t)));
            await WaitForAsync(() => host.Endpoints.Completed >= completed + count, $"{count} warm-up orders to complete");
        });
    }

    private static async Task<(double Rate, double CpuMs, long Conflicts)> RunFlowAsync(SagaHost host, string name, int count)
    {
        var tracking = await SeedOrdersAsync(host, "F", count);
        Progress.Say($"saga ({name}): {count} orders through the whole flow");
        host.Storage.Reset();
        var completed = host.Endpoints.Completed;
        var jitBefore = JitInfo.GetCompiledMethodCount();
        var cpu = CpuClock.Start();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(tracking.Select(t => PlaceAsync(host.Bus, t)));
        await WaitForAsync(() => host.Endpoints.Completed >= completed + count, $"{count} orders to complete");
        var rate = host.Storage.Writes / watch.Elapsed.TotalSeconds;
        var cpuMs = cpu.MillisecondsPer(host.Storage.Writes);
        var jitted = JitInfo.GetCompiledMethodCount() - jitBefore;
        Progress.Say($"saga ({name}): {rate:N0} transitions/s, {cpuMs:0.00} ms CPU/transition, {host.Storage.Conflicts} conflicts, {jitted} methods compiled while measured");
        return (rate, cpuMs, host.Storage.Conflicts);
    }

    private static async Task<(double Rate, double CpuMs, long Conflicts, long Faulted)> RunContendedAsync(SagaHost host, string name, int instances)
    {
        host.Endpoints.HoldStock = true;
        var tracking = await SeedOrdersAsync(host, "C", instances);
        host.Storage.Reset();
        await Task.WhenAll(tracking.Select(t => PlaceAsync(host.Bus, t)));
        await WaitForAsync(() => host.Storage.Writes >= instances, $"{instances} orders to wait for stock");

        Progress.Say($"saga ({name}): {instances} instances × {EventsPerInstance} concurrent events");
        host.Storage.Reset();
        var faultedBefore = host.Endpoints.Faulted;
        var events = instances * EventsPerInstance;
        var cpu = CpuClock.Start();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(tracking.SelectMany(t => Enumerable.Range(0, EventsPerInstance).Select(i =>
            host.Bus.Publish(new CancelOrder { OrderNumber = t.OrderNumber, Reason = $"bench {i}" }, c => c.CorrelationId = t.TrackingId))));
        await WaitForAsync(() => host.Storage.Writes + host.Endpoints.Faulted - faultedBefore >= events, $"{events} events to be applied");
        var rate = host.Storage.Writes / watch.Elapsed.TotalSeconds;
        var faulted = host.Endpoints.Faulted - faultedBefore;
        var cpuMs = cpu.MillisecondsPer(host.Storage.Writes);
        Progress.Say($"saga ({name}): {rate:N0} transitions/s, {host.Storage.Conflicts} conflicts, {faulted} gave up");
        host.Endpoints.HoldStock = false;
        return (rate, cpuMs, host.Storage.Conflicts, faulted);
    }

    private static Task PlaceAsync(IBus bus, (string OrderNumber, Guid TrackingId) order) =>
        bus.Publish(new PlaceOrder
        {
            OrderNumber = order.OrderNumber,
            CustomerId = "C-42",
            Currency = "EUR",
            Region = "EU",
            ShipTo = new Address { Name = "Ada Lovelace", Street = "12 Analytical Way", City = "London", PostalCode = "NW1 2DB", Country = "GB" },
            Lines = [new OrderLine { Sku = "BOOK-001", Quantity = 2, UnitPrice = 19.99m }],
        }, c => c.CorrelationId = order.TrackingId);

    /// <summary>The order and saga rows the inbound pipeline writes on acceptance; the saga takes the order from there.</summary>
    private static async Task<List<(string OrderNumber, Guid TrackingId)>> SeedOrdersAsync(SagaHost host, string prefix, int count)
    {
        var batch = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var orders = Enumerable.Range(0, count).Select(i => ($"{prefix}{batch}-{i:D5}", Guid.NewGuid())).ToList();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        db.Orders.AddRange(orders.Select(o => new OrderRecord
        {
            OrderNumber = o.Item1,
            TrackingId = o.Item2,
            CustomerId = "C-42",
            Currency = "EUR",
            Region = "EU",
            ShipToName = "Ada Lovelace",
            ShipToStreet = "12 Analytical Way",
            ShipToCity = "London",
            ShipToPostalCode = "NW1 2DB",
            ShipToCountry = "GB",
            Total = 39.98m,
            SourceAdapter = "bench",
            CorrelationId = o.Item1,
            CreatedAt = DateTime.UtcNow,
            Saga = new OrderSagaRecord
            {
                CorrelationId = o.Item2,
                Version = 1,
                CurrentState = OrderFulfillmentStates.NotStarted,
                OrderNumber = o.Item1,
                OrderJson = "{}",
                StatusChangedAt = DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            },
        }));
        await db.SaveChangesAsync();
        return orders;
    }

    private static async Task WaitForAsync(Func<bool> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Waited 5 minutes for {what}; the saga host stalled (look for errors above).");
            }

            await Task.Delay(20);
        }
    }
}
