using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommerceBus.Bench.Bus.Hop;
using CommerceBus.Bench.Bus.Reporting;
using CommerceBus.Host;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Bench.Bus.Intake;

/// <summary>
/// Issue 21 item 5b: <c>POST /api/orders</c> (the REST adapter, the whole inbound pipeline, the commit, the dispatch
/// and its journal entry) against <see cref="MinimalIntakeEndpoint"/>, the same rows in one transaction, both served by
/// one hub process on one database; accepted orders per second and CPU per order.
/// </summary>
/// <remarks>
/// The route sends accepted orders to a <c>bus</c> endpoint nobody consumes (in-memory bus) instead of the saga, so the
/// figure is the intake alone, not the fulfillment it starts. Both endpoints get the same JSON, the same clients, in
/// alternating halves.
/// </remarks>
internal static class DurableIntakeScenario
{
    private const double Target = 0.7;
    private const int Concurrency = 16;

    public static async Task<ResultTable> RunAsync(BenchServers servers, BenchOptions options)
    {
        var table = new ResultTable("Durable REST intake vs its floor (same rows, one transaction)",
            "Database", "REST intake orders/s", "floor orders/s", "intake × floor", "CPU ms/order intake", "CPU ms/order floor", $"target ≥ {Target:0.0}×");
        var count = options.Count(1000);
        var databases = new List<(string Name, string? Postgres)> { ("SQLite", null) };
        if (servers.Postgres is not null)
        {
            databases.Add(("PostgreSQL", await servers.CreateDatabaseAsync("bench_intake")));
        }

        var template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "place-order.json")))!;
        template["orderNumber"] = "{number}";
        var json = template.ToJsonString();
        foreach (var (name, postgres) in databases)
        {
            var port = HubRelay.FreePort();
            var app = HubApp.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["CommerceBus:Storage:SqlitePath"] = Path.Combine(BenchServers.TempDirectory("intake"), "commercebus.db"),
                    ["CommerceBus:Storage:PostgreSql"] = postgres ?? "",
                    ["CommerceBus:DemoEndpoints:Enabled"] = "false",
                    ["CommerceBus:Endpoints:bench-sink:Connector"] = "bus",
                    ["CommerceBus:Endpoints:bench-sink:Queue"] = "bench.sink",
                    ["CommerceBus:Routing:Routes:0:Endpoints:0"] = "bench-sink",
                    ["CommerceBus:Adapters:Tcp:Listeners:terminals:Port"] = "0",
                    ["Logging:LogLevel:Default"] = "Warning",
                });
                builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            });
            MinimalIntakeEndpoint.Map(app);
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var next = 0;
                string Body() => json.Replace("{number}", $"I-{Interlocked.Increment(ref next):D8}", StringComparison.Ordinal);

                Progress.Say($"intake ({name}): warming up");
                await JitWarmup.UntilSettledAsync($"intake ({name})", async () =>
                {
                    await PostAsync(http, "/api/orders", count / 10, Body);
                    await PostAsync(http, MinimalIntakeEndpoint.Path, count / 10, Body);
                });
                double intakeSeconds = 0, floorSeconds = 0, intakeCpu = 0, floorCpu = 0;
                for (var half = 0; half < 2; half++)
                {
                    var (s1, c1) = await PostAsync(http, "/api/orders", count / 2, Body);
                    var (s2, c2) = await PostAsync(http, MinimalIntakeEndpoint.Path, count / 2, Body);
                    intakeSeconds += s1;
                    intakeCpu += c1;
                    floorSeconds += s2;
                    floorCpu += c2;
                }

                var intake = count / intakeSeconds;
                var floor = count / floorSeconds;
                Progress.Say($"intake ({name}): {intake:N0} vs floor {floor:N0} orders/s");
                table.Add(name, Format.Rate(intake), Format.Rate(floor), Format.Ratio(intake / floor),
                    Format.Number(intakeCpu / count, "0.00"), Format.Number(floorCpu / count, "0.00"), Format.Target(intake / floor >= Target));
            }
            finally
            {
                // Stopped, not disposed (see ODataScenario).
                await app.StopAsync();
            }
        }

        table.Note($"`POST /api/orders` (REST adapter → normalize → validate → route → accept → journal and commit → dispatch to a `bus` endpoint nobody " +
            $"consumes, in-memory bus, and the dispatch's journal entry) against `POST {MinimalIntakeEndpoint.Path}`, a minimal API endpoint compiled only into " +
            "this bench that writes the same rows (order, lines, saga row, inbound and outbound journal entries) in one transaction on the same " +
            $"HubDbContext and database. {count} orders each, {Concurrency} concurrent clients, in two alternating halves after a warm-up in rounds of {count / 10} " +
            $"orders each until a round compiles fewer than {JitWarmup.SettledBelow} methods; CPU is the whole process's (clients included, the same for both) per order.");
        return table;
    }

    /// <summary>Posts <paramref name="count"/> orders from <see cref="Concurrency"/> clients; wall seconds and process CPU milliseconds.</summary>
    private static async Task<(double Seconds, double CpuMs)> PostAsync(HttpClient http, string path, int count, Func<string> body)
    {
        var remaining = count;
        var cpu = CpuClock.Start();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                using var content = new StringContent(body(), Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(path, content);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        return (watch.Elapsed.TotalSeconds, cpu.MillisecondsPer(1));
    }
}
