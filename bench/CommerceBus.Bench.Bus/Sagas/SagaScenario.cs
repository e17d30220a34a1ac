using System.Diagnostics;
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
/// A transition is one message applied to a stored instance: load, state machine, read-model projection (order row and
/// journal entry), versioned write. That is what the hub pays per saga step, so it is measured through MassTransit's
/// repository rather than by calling the storage directly.
/// </remarks>
internal static class SagaScenario
{
    private const double Target = 1000;
    private const int EventsPerInstance = 10;

    public static async Task<ResultTable> RunAsync(BenchServers servers, BenchOptions options)
    {
        var table = new ResultTable("Saga transitions (order fulfillment state machine, EF Core saga storage)",
            "Storage", "Load", "transitions/s", "CPU ms/transition", "conflicts", "retries", "gave up");
        var orders = options.Count(600);
        var contended = options.Count(200) / 2;

        var databases = new List<(string Name, string? Postgres)> { ("SQLite", null) };
        if (servers.Postgres is not null)
        {
            databases.Add(("PostgreSQL", await servers.CreateDatabaseAsync("bench_saga")));
        }

        double? postgresRate = null;
        foreach (var (name, postgres) in databases)
        {
            await using var host = await SagaHost.StartAsync(postgres, BenchServers.TempDirectory("saga"));
            var flow = await RunFlowAsync(host, name, orders);
            table.Add(name, $"{orders} orders, 5 transitions each", Format.Rate(flow.Rate), Format.Number(flow.CpuMs, "0.00"), Format.Number(flow.Conflicts), Format.Number(flow.Conflicts), "0");
            if (postgres is not null)
            {
                postgresRate = flow.Rate;
            }

            var race = await RunContendedAsync(host, name, contended);
            table.Add(name, $"{contended} instances × {EventsPerInstance} concurrent events", Format.Rate(race.Rate), Format.Number(race.CpuMs, "0.00"),
                Format.Number(race.Conflicts), Format.Number(race.Conflicts), Format.Number(race.Faulted));
        }

        table.Note("A transition is one event applied to a stored instance through MassTransit's saga repository: load, the " +
            "state machine's activities, the order's journal entry (the order's state is the saga row itself; the order row is not read) and the versioned update. " +
            "Business endpoints are stand-ins that answer at once. The bus is in memory with the hub's endpoint policy " +
            "(retry 100 ms, 500 ms, 1 s, 2 s, 5 s; in-memory outbox; 8 messages at once).");
        table.Note("Contended: every instance waits in ReservingStock and receives ten CancelOrder at once; each write that finds " +
            "the version changed is a conflict, and the endpoint's retry applies the event again to a fresh load. " +
            "The rate there is dominated by the retry intervals, by design of the retry policy, not by the database.");
        table.Note(postgresRate is { } rate
            ? $"Target: ≥ {Target:N0} transitions/s on PostgreSQL — {Format.Rate(rate)}, {Format.Target(rate >= Target)}."
            : $"Target: ≥ {Target:N0} transitions/s on PostgreSQL — {BenchServers.Missing}.");
        return table;
    }

    private static async Task<(double Rate, double CpuMs, long Conflicts)> RunFlowAsync(SagaHost host, string name, int count)
    {
        var tracking = await SeedOrdersAsync(host, "F", count);
        Progress.Say($"saga ({name}): {count} orders through the whole flow");
        host.Storage.Reset();
        var cpu = CpuClock.Start();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(tracking.Select(t => PlaceAsync(host.Bus, t)));
        await WaitForAsync(() => host.Endpoints.Completed >= count, $"{count} orders to complete");
        var rate = host.Storage.Writes / watch.Elapsed.TotalSeconds;
        var cpuMs = cpu.MillisecondsPer(host.Storage.Writes);
        Progress.Say($"saga ({name}): {rate:N0} transitions/s, {cpuMs:0.00} ms CPU/transition, {host.Storage.Conflicts} conflicts");
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
