using System.Globalization;

namespace CommerceBus.Bench.Http;

/// <summary>
/// Starts the echo backend, the YARP peer and the real hub (Release, its own process) on free ports, runs every
/// scenario for every size and concurrency, and writes the results as markdown. The load generator runs in this
/// process, on the same cores as the others. Every child is killed on exit, on failure and on Ctrl-C.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchSettings settings)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var children = new List<ChildProcess>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => children.ForEach(c => c.Dispose());
        var data = Directory.CreateTempSubdirectory("commercebus-bench-");
        try
        {
            var self = typeof(BenchRunner).Assembly.Location;
            var echoPort = ChildProcess.FreePort();
            var yarpPort = ChildProcess.FreePort();
            var hubPort = ChildProcess.FreePort();
            var backend = $"http://localhost:{echoPort}";
            Progress($"starting the echo backend on {backend}, the YARP peer on :{yarpPort}, the hub on :{hubPort}");
            var echo = Start(children, ChildProcess.Start("echo backend", self, ["echo", "--port", Invariant(echoPort)]));
            var yarp = Start(children, ChildProcess.Start("YARP peer", self, ["yarp", "--port", Invariant(yarpPort), "--backend", backend]));
            var hub = Start(children, ChildProcess.Start("hub", settings.HubDll, HubArguments(hubPort, backend, data.FullName)));

            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await echo.WaitUntilAnswersAsync(probe, new Uri($"{backend}/svc"), TimeSpan.FromSeconds(60), cancel.Token);
            await yarp.WaitUntilAnswersAsync(probe, new Uri($"http://localhost:{yarpPort}/svc"), TimeSpan.FromSeconds(60), cancel.Token);
            await hub.WaitUntilAnswersAsync(probe, new Uri($"http://localhost:{hubPort}/pass/svc"), TimeSpan.FromSeconds(120), cancel.Token);

            var processes = new Dictionary<Target, (int Port, ChildProcess Process)>
            {
                [Target.Backend] = (echoPort, echo),
                [Target.Yarp] = (yarpPort, yarp),
                [Target.Hub] = (hubPort, hub),
            };
            await WarmUpAsync(settings, processes, cancel.Token);

            var results = new List<CellResult>();
            var cells = settings.Sizes.Count * settings.Concurrencies.Count * settings.Scenarios.Count;
            foreach (var size in settings.Sizes)
            {
                foreach (var concurrency in settings.Concurrencies)
                {
                    var rounds = new List<CellResult>();
                    for (var round = 0; round < settings.Rounds; round++)
                    {
                        foreach (var scenario in settings.Scenarios)
                        {
                            var (port, process) = processes[scenario.Target];
                            var cell = await MeasureAsync(settings, scenario, size, concurrency, new Uri($"http://localhost:{port}{scenario.Path}"), process, cancel.Token);
                            rounds.Add(cell);
                            Progress($"[{results.Count + 1}/{cells}{(settings.Rounds > 1 ? $" round {round + 1}" : "")}] {scenario.Name,-16} {size,6} B  c={concurrency,-3} {cell.RequestsPerSecond,8:0} req/s  p50 {cell.P50Ms,6:0.00} ms  p99 {cell.P99Ms,6:0.00} ms  {cell.CpuMicrosPerRequest,6:0} µs CPU/req{(cell.Errors > 0 ? $"  {cell.Errors} ERRORS" : "")}");
                        }
                    }

                    // One result per scenario: the round with the median throughput (the only round without --rounds).
                    results.AddRange(settings.Scenarios.Select(s => rounds.Where(r => r.Scenario == s).OrderBy(r => r.RequestsPerSecond).ElementAt(settings.Rounds / 2)));
                }
            }

            await File.WriteAllTextAsync(settings.Out, Report.Markdown(results, settings), cancel.Token);
            Progress($"wrote {settings.Out}");
            return results.Any(r => r.Errors > 0 || r.Requests == 0) ? 1 : 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench: cancelled; the processes it started are stopped");
            return 130;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            return 1;
        }
        finally
        {
            children.ForEach(c => c.Dispose());
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs every scenario, unmeasured, in rounds at the first size and concurrency until the CPU per request of its
    /// process settles: two rounds in a row within <see cref="WarmUpSettledWithin"/> of each other. The cell's own
    /// second of warm-up ends while the runtime is still compiling the route's code at tier 1 on a background thread of
    /// the same process, so the first cell of each scenario carried the JIT's CPU (the c=20 cell of SOAP CBR on a
    /// header read 0.80× pass-through in its first round, 1.05× and 0.90× in the next two).
    /// </summary>
    private static async Task WarmUpAsync(BenchSettings settings, Dictionary<Target, (int Port, ChildProcess Process)> processes, CancellationToken cancellationToken)
    {
        var size = settings.Sizes[0];
        var concurrency = settings.Concurrencies[0];
        foreach (var scenario in settings.Scenarios)
        {
            var (port, process) = processes[scenario.Target];
            var address = new Uri($"http://localhost:{port}{scenario.Path}");
            var previous = double.NaN;
            for (var round = 1; ; round++)
            {
                var cell = await MeasureAsync(settings, scenario, size, concurrency, address, process, cancellationToken, WarmUpRound);
                var cpu = cell.CpuMicrosPerRequest;
                var settled = Math.Abs(cpu - previous) <= WarmUpSettledWithin * previous;
                if (settled || round == WarmUpMaxRounds)
                {
                    Progress($"warm-up {scenario.Name}: {(settled ? "settled" : "not settled, measuring anyway")} after {round} round(s) of {WarmUpRound.TotalSeconds:0.#} s ({previous:0} → {cpu:0} µs CPU/req{(cell.Errors > 0 ? $", {cell.Errors} ERRORS" : "")})");
                    break;
                }

                previous = cpu;
            }
        }
    }

    /// <summary>Two warm-up rounds whose CPU per request differ by at most this fraction count as settled.</summary>
    private const double WarmUpSettledWithin = 0.10;

    /// <summary>A scenario that never settles is measured after this many warm-up rounds anyway (the progress line says so).</summary>
    private const int WarmUpMaxRounds = 6;

    private static readonly TimeSpan WarmUpRound = TimeSpan.FromSeconds(2);

    private static async Task<CellResult> MeasureAsync(BenchSettings settings, Scenario scenario, int size, int concurrency, Uri address, ChildProcess process, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        var body = Messages.Build(scenario.Message, size);
        using var load = new LoadGenerator(address, body, "text/xml; charset=utf-8", scenario.Headers, concurrency);
        var cpuStart = TimeSpan.Zero;
        var cpuEnd = TimeSpan.Zero;
        var (requests, errors, seconds, p50, p99) = await load.RunAsync(settings.WarmUp, duration ?? settings.Duration,
            () => cpuStart = process.CpuTime(), () => cpuEnd = process.CpuTime(), cancellationToken);
        var cpuPerRequest = requests == 0 ? double.NaN : (cpuEnd - cpuStart).TotalMicroseconds / requests;
        return new CellResult(scenario, size, body.Length, concurrency, requests, errors, seconds, p50, p99, cpuPerRequest);
    }

    private static List<string> HubArguments(int port, string backend, string data)
    {
        var args = new List<string>
        {
            "--urls", $"http://localhost:{port}",
            "--Logging:LogLevel:Default=Warning",
            "--CommerceBus:DemoEndpoints:Enabled=false",
            $"--CommerceBus:Storage:SqlitePath={Path.Combine(data, "commercebus.db")}",
            "--CommerceBus:Adapters:Tcp:Listeners:terminals:Port=0",
        };

        void Route(string name, params string[] settings)
        {
            args.Add($"--CommerceBus:Proxy:Routes:{name}:PathPrefix=/{name}");
            args.AddRange(settings.Select(s => $"--CommerceBus:Proxy:Routes:{name}:{s}"));
        }

        Route("pass", $"Destination={backend}");
        Route("cbr-http", "RouteBy:Kind=Header", "RouteBy:Header=X-Route", $"Cases:quotes={backend}");
        Route("cbr-soap-header", "RouteBy:Kind=SoapHeader", "RouteBy:Path=/Routing/Target", $"Cases:quotes={backend}");
        Route("cbr-soap-body", "RouteBy:Kind=SoapBody", "RouteBy:Path=//order[1]/symbol", $"Cases:IBM={backend}");
        Route("transform", $"Destination={backend}", "Transform=SoapPlaceOrderToJson", "MaxTransformBytes=1048576");
        return args;
    }

    private static ChildProcess Start(List<ChildProcess> children, ChildProcess child)
    {
        children.Add(child);
        return child;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Progress(string message) => Console.WriteLine($"bench: {message}");
}
