using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommerceBus.Bench.Bus.Hop;
using CommerceBus.Bench.Bus.Reporting;

namespace CommerceBus.Bench.Bus.Memory;

/// <summary>
/// Idle memory of the real host (<c>dotnet CommerceBus.Host.dll</c>, Release, embedded default: SQLite, in-memory bus,
/// demo endpoints) after start-up and a few completed orders, once it has been idle long enough for the GC to settle.
/// </summary>
internal static class IdleMemoryScenario
{
    private const double TargetMb = 150;
    private const int Orders = 5;

    public static async Task<ResultTable> RunAsync(BenchOptions options)
    {
        var table = new ResultTable("Idle memory of the hub (real host, embedded default)", "GC", "working set (MB)", "private (MB)", "assemblies mapped", "target ≤ 150 MB");
        var idle = options.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
        var configured = ConfiguredGc();
        // For comparison, the same host with the runtime's own switches (no rebuild), and without the demo endpoints,
        // which a production hub does not run: where the memory goes, not only how much.
        var variants = new List<(string Name, Dictionary<string, string>)>
        {
            ($"as shipped ({configured})", []),
            ("workstation GC (DOTNET_gcServer=0)", new() { ["DOTNET_gcServer"] = "0" }),
            ("without the idle trim (CommerceBus__Memory__TrimWhenIdleFor=00:00:00)", new() { ["CommerceBus__Memory__TrimWhenIdleFor"] = "00:00:00" }),
            ("without the demo endpoints", new() { ["CommerceBus__DemoEndpoints__Enabled"] = "false" }),
        };
        string? breakdown = null;
        foreach (var (name, environment) in variants)
        {
            var (memory, where, assemblies) = await MeasureAsync(name, environment, idle);
            breakdown ??= where;
            table.Add(name, Format.Number(memory.WorkingSetMb, "N1"), Format.Number(memory.PrivateMb, "N1"), Format.Number(assemblies, "N0"), Format.Target(memory.WorkingSetMb <= TargetMb));
        }

        table.Note($"The host is started as `dotnet CommerceBus.Host.dll` with its own runtimeconfig (Release), places {Orders} orders over " +
            $"REST and waits until each is Completed, then stays idle {idle.TotalSeconds:N0} s; the figures are the lowest of samples taken " +
            "every second over the last 5 s, from /proc/PID/status (VmRSS) and /proc/PID/smaps_rollup (Private_Clean + Private_Dirty). " +
            "The working set includes the runtime's and the libraries' mapped code, shared with other .NET processes; private bytes do not. " +
            "Assemblies mapped counts the distinct .dll files in /proc/PID/maps: the guard against a scan of every loaded type " +
            "(Assembly.GetTypes() over the app domain), which maps assemblies nothing uses and keeps their types resident.");
        table.Note($"Where the working set of the hub as shipped is (/proc/PID/smaps, Rss by mapping): {breakdown}");
        return table;
    }

    /// <summary>The GC mode and memory settings the host's runtimeconfig asks for.</summary>
    private static string ConfiguredGc()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "CommerceBus.Host.runtimeconfig.json");
        var options = JsonNode.Parse(File.ReadAllText(config))?["runtimeOptions"]?["configProperties"];
        var server = options?["System.GC.Server"]?.GetValue<bool>() ?? false;
        var concurrent = options?["System.GC.Concurrent"]?.GetValue<bool>() ?? true;
        var pgo = options?["System.Runtime.TieredPGO"]?.GetValue<bool>() ?? true;
        var conserve = options?["System.GC.ConserveMemory"]?.GetValue<int>() ?? 0;
        return $"{(server ? "server" : "workstation")} GC, {(concurrent ? "concurrent" : "non-concurrent")}, tiered PGO {(pgo ? "on" : "off")}, ConserveMemory {conserve}";
    }

    private static async Task<(ProcessMemory Memory, string Breakdown, int Assemblies)> MeasureAsync(string name, Dictionary<string, string> environment, TimeSpan idle)
    {
        var port = HubRelay.FreePort();
        var data = BenchServers.TempDirectory("memory");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CommerceBus.Host.dll")])
        {
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var erpEu = $"http://127.0.0.1:{HubRelay.FreePort()}";
        var erpUs = $"http://127.0.0.1:{HubRelay.FreePort()}";
        var payments = $"http://127.0.0.1:{HubRelay.FreePort()}";
        var shipping = HubRelay.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["CommerceBus__Storage__SqlitePath"] = Path.Combine(data, "commercebus.db"),
            ["CommerceBus__Adapters__Tcp__Listeners__terminals__Port"] = "0",
            ["CommerceBus__DemoEndpoints__LegacyErp__EuUrl"] = erpEu,
            ["CommerceBus__DemoEndpoints__LegacyErp__UsUrl"] = erpUs,
            ["CommerceBus__Endpoints__erp-eu__Address"] = erpEu + "/LegacyErp/BookingService",
            ["CommerceBus__Endpoints__erp-us__Address"] = erpUs + "/LegacyErp/BookingService",
            ["CommerceBus__DemoEndpoints__Payments__Url"] = payments,
            ["CommerceBus__Endpoints__payments__BaseUrl"] = payments,
            ["CommerceBus__DemoEndpoints__Shipping__Port"] = shipping,
            ["CommerceBus__Endpoints__shipping__Port"] = shipping,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings.Concat(environment))
        {
            start.Environment[key] = value;
        }

        using var host = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub process.");
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"  hub: {e.Data}"); } };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilAsync(async () => (await TryGetAsync(http, "/api/orders/NONE")) is not null, "the hub to answer");
            Progress.Say($"memory ({name}): hub up, placing {Orders} orders");
            var template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "place-order.json")))!;
            for (var i = 0; i < Orders; i++)
            {
                template["orderNumber"] = $"M-{i:D4}";
                using var response = await http.PostAsJsonAsync("/api/orders", template);
                response.EnsureSuccessStatusCode();
            }

            // Without the demo endpoints nothing answers the steps, so the orders stay under way.
            var until = environment.ContainsKey("CommerceBus__DemoEndpoints__Enabled") ? "\"orderNumber\"" : "\"Completed\"";
            for (var i = 0; i < Orders; i++)
            {
                var number = $"M-{i:D4}";
                await WaitUntilAsync(async () => (await TryGetAsync(http, $"/api/orders/{number}"))?.Contains(until, StringComparison.Ordinal) == true,
                    $"order {number} to be {(until.Contains("Completed", StringComparison.Ordinal) ? "completed" : "stored")}");
            }

            Progress.Say($"memory ({name}): orders completed, idle {idle.TotalSeconds:N0} s");
            await Task.Delay(idle - TimeSpan.FromSeconds(5));
            var lowest = ProcessMemory.Read(host.Id);
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var sample = ProcessMemory.Read(host.Id);
                lowest = new ProcessMemory(Math.Min(lowest.WorkingSetMb, sample.WorkingSetMb), Math.Min(lowest.PrivateMb, sample.PrivateMb));
            }

            Progress.Say($"memory ({name}): working set {lowest.WorkingSetMb:N1} MB, private {lowest.PrivateMb:N1} MB");
            var assemblies = File.ReadLines($"/proc/{host.Id}/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 6 && fields[5].EndsWith(".dll", StringComparison.Ordinal))
                .Select(fields => fields[5])
                .Distinct(StringComparer.Ordinal)
                .Count();
            return (lowest, MemoryBreakdown.Describe(host.Id), assemblies);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static async Task<string?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"Waited 2 minutes for {what}.");
            }

            await Task.Delay(200);
        }
    }

}
