using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.IntegrationTests.Sagas.Redrive;

/// <summary>
/// A hub that has finished thousands of orders and has nothing to do stays idle: through several stalled-order
/// re-drive and outbox sweeps (configured to every second) it sends no message, writes no journal entry and parks
/// nothing, and each sweep runs as many statements as it does with ten finished orders.
/// </summary>
public sealed class IdleHubTests(ITestOutputHelper output)
{
    private const int Sweeps = 5;

    [Fact]
    public async Task A_hub_with_thousands_of_finished_orders_sends_and_writes_nothing_and_its_sweeps_cost_what_they_cost_with_ten()
    {
        var few = await IdleAsync(10, Sqlite());
        var many = await IdleAsync(5000, Sqlite());
        Compare(few, many);
    }

    [PostgresFact]
    public async Task On_postgresql_a_hub_with_thousands_of_finished_orders_sends_and_writes_nothing_and_its_sweeps_cost_what_they_cost_with_ten()
    {
        var few = await PostgresAsync(10);
        var many = await PostgresAsync(5000);
        Compare(few, many);
    }

    private void Compare(Cost few, Cost many)
    {
        output.WriteLine($"statements per re-drive sweep: 10 orders {string.Join(",", few.Redrive)}; 5000 orders {string.Join(",", many.Redrive)}");
        output.WriteLine($"statements per outbox sweep:   10 orders {string.Join(",", few.Outbox)}; 5000 orders {string.Join(",", many.Outbox)}");
        Assert.Single(few.Redrive.Concat(many.Redrive).Distinct());
        Assert.Single(few.Outbox.Concat(many.Outbox).Distinct());
    }

    private async Task<Cost> PostgresAsync(int finishedOrders)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("idle");
        try
        {
            return await IdleAsync(finishedOrders, new Storage(
                null,
                new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = connectionString },
                new DbContextOptionsBuilder<HubDbContext>().UseNpgsql(connectionString).UseHubModelWithOrders().Options));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static Storage Sqlite()
    {
        var data = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(data, "commercebus.db");
        return new Storage(path, [], new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={path}").UseHubModelWithOrders().Options);
    }

    /// <summary>Where the hub keeps its data: a SQLite file (<see cref="SqlitePath"/>), or the PostgreSQL database of <see cref="Settings"/>.</summary>
    private sealed record Storage(string? SqlitePath, Dictionary<string, string?> Settings, DbContextOptions<HubDbContext> Options);

    private sealed record Cost(List<int> Redrive, List<int> Outbox);

    private async Task<Cost> IdleAsync(int finishedOrders, Storage storage)
    {
        var data = storage.SqlitePath is null ? null : Path.GetDirectoryName(storage.SqlitePath);
        var options = storage.Options;

        // Two orders the real pipeline finishes: one completed, one failed on its payment with its stock released.
        var completed = Orders.Valid();
        var failed = Orders.Valid() with { Lines = [new OrderLine { Sku = "TV-1", Quantity = 2, UnitPrice = 25000.01m }] };
        await using (var hub = await TestHub.StartAsync(storage.Settings, dataDirectory: data))
        {
            foreach (var order in new[] { completed, failed })
            {
                using var placed = await hub.Http.PostAsJsonAsync("/api/orders", order, CanonicalJson.Options);
                Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
            }

            await hub.WaitForSagaAsync(completed.OrderNumber!, s => s.CurrentState == "Completed", "Completed");
            var saga = await hub.WaitForSagaAsync(failed.OrderNumber!, s => s.CurrentState == "Failed" && s.StockReleased, "Failed with its stock released");
            Assert.Null(saga!.NextRedriveAt);
            await Eventually.MatchAsync(() => CountAsync(options, db => db.OutboxMessages), n => n == 0, "the outbox to be empty");
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await FinishedOrderSeed.CopyAsync(options, [completed.OrderNumber!, failed.OrderNumber!], finishedOrders - 2);
        output.WriteLine($"{finishedOrders} finished orders seeded in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        var journal = await CountAsync(options, db => db.Journal);

        var recorder = new SweepRecorder();
        var settings = RedriveSettings.With(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500));
        foreach (var (key, value) in storage.Settings)
        {
            settings[key] = value;
        }

        settings["CommerceBus:Sagas:Outbox:SweepEvery"] = "00:00:01";
        await using (var hub = await TestHub.StartAsync(settings, dataDirectory: data, configureServices: recorder.AddTo))
        {
            recorder.Observe(hub.Services.GetRequiredService<IBus>());
            await Eventually.MatchAsync(
                () => Task.FromResult(recorder.Entries),
                _ => recorder.Sweeps(SweepRecorder.RedriveSweep).Count > Sweeps + 1 && recorder.Sweeps(SweepRecorder.OutboxSweep).Count > Sweeps + 1,
                $"{Sweeps + 1} re-drive and outbox sweeps after the start-up round",
                TimeSpan.FromSeconds(60));
        }

        var redrive = recorder.Sweeps(SweepRecorder.RedriveSweep);
        var outbox = recorder.Sweeps(SweepRecorder.OutboxSweep);
        Assert.Equal(0, recorder.Sent);
        Assert.All(redrive, s => Assert.Equal((0, 0), ((int)s.Values["Due"]!, (int)s.Values["Orders"]!)));
        Assert.All(outbox, s => Assert.Equal(0, (int)s.Values["Found"]!));
        Assert.Equal(journal, await CountAsync(options, db => db.Journal));
        Assert.Equal(0, await CountAsync(options, db => db.FailedMessages));
        Assert.Equal(finishedOrders, await CountAsync(options, db => db.OrderSagas));

        // No sweep statement walks a whole table: each is answered from an index (SQLite's own plan of the statement).
        var statements = recorder.SweepStatements(SweepRecorder.RedriveSweep).Last().Statements
            .Concat(recorder.SweepStatements(SweepRecorder.OutboxSweep).Last().Statements);
        if (storage.SqlitePath is { } sqlite)
        {
            await using var connection = new SqliteConnection($"Data Source={sqlite}");
            await connection.OpenAsync();
            foreach (var sql in statements)
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var name in Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct())
                {
                    explain.Parameters.AddWithValue(name, DBNull.Value);
                }

                var plan = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        plan.Add(reader.GetString(3));
                    }
                }

                output.WriteLine(sql + Environment.NewLine + "  plan: " + string.Join(" | ", plan));
                Assert.DoesNotContain(plan, line => Regex.IsMatch(line, @"^SCAN (orders|order_sagas|outbox_messages|failed_messages|journal)$"));
            }
        }

        // The first line of each is the start-up round (it also ran the start-up's own statements): compare the sweeps.
        return new Cost([.. redrive.Skip(1).Select(s => s.Statements)], [.. outbox.Skip(1).Select(s => s.Statements)]);
    }

    private static async Task<int> CountAsync<T>(DbContextOptions<HubDbContext> options, Func<HubDbContext, IQueryable<T>> table)
    {
        await using var db = new HubDbContext(options);
        return await table(db).CountAsync();
    }
}
