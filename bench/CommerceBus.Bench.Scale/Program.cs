using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CommerceBus.Bench.Scale;
using Npgsql;
using RabbitMQ.Client;

// The scale-out benchmark (issue 20 item 5): bash bench/run-scale.sh [--orders N] [--hubs 1,2,3] [--out FILE].
// For each hub count: a fresh database and virtual host, N hub processes (`dotnet CommerceBus.Host.dll`, Release, demo
// endpoints beside each), a warm-up, then a backlog of orders published to the AMQP intake; measured from the first
// publish until every order's saga is Completed. CPU of the hubs, the broker and the database is read from /proc per
// process tree, so each is counted separately; the publisher (this process) is not counted.
var options = ScaleOptions.Parse(args);
var culture = CultureInfo.InvariantCulture;
var postgres = Environment.GetEnvironmentVariable("COMMERCEBUS_TEST_POSTGRES") ?? throw new InvalidOperationException("COMMERCEBUS_TEST_POSTGRES is not set: run bench/run-scale.sh");
var rabbit = Environment.GetEnvironmentVariable("COMMERCEBUS_TEST_RABBITMQ") ?? throw new InvalidOperationException("COMMERCEBUS_TEST_RABBITMQ is not set: run bench/run-scale.sh");
var rabbitCtl = Environment.GetEnvironmentVariable("COMMERCEBUS_TEST_RABBITMQCTL") ?? throw new InvalidOperationException("COMMERCEBUS_TEST_RABBITMQCTL is not set");
var brokerPid = int.Parse(Environment.GetEnvironmentVariable("BENCH_BROKER_PID") ?? throw new InvalidOperationException("BENCH_BROKER_PID is not set"), culture);
var postgresPid = int.Parse(Environment.GetEnvironmentVariable("BENCH_POSTGRES_PID") ?? throw new InvalidOperationException("BENCH_POSTGRES_PID is not set"), culture);
var template = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "place-order.json")))!;

var rows = new List<Run>();
Say($"scale benchmark: {options.Orders} orders per run (warm-up {options.WarmUp}), hubs {string.Join(", ", options.Hubs)}; load average {LoadAverage()}");
foreach (var hubs in options.Hubs)
{
    rows.Add(await MeasureAsync(hubs));
}

var report = Report(rows);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
await File.WriteAllTextAsync(options.Out, report);
Console.WriteLine(report);
return 0;

async Task<Run> MeasureAsync(int hubCount)
{
    var name = $"cb-scale-{hubCount}-{Guid.NewGuid():N}"[..24];
    await CtlAsync("add_vhost", name);
    var user = Uri.UnescapeDataString(new Uri(rabbit).UserInfo.Split(':')[0]);
    await CtlAsync("set_permissions", "-p", name, user, ".*", ".*", ".*");
    var vhost = new UriBuilder(rabbit) { Path = "/" + Uri.EscapeDataString(name) }.Uri.ToString();
    await using (var admin = new NpgsqlConnection(postgres))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace('-', '_')}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    var database = new NpgsqlConnectionStringBuilder(postgres) { Database = name.Replace('-', '_') }.ConnectionString;
    var hubs = new List<Process>();
    var logs = Path.Combine(Path.GetTempPath(), "commercebus-bench", name);
    Directory.CreateDirectory(logs);
    try
    {
        Say($"{hubCount} hub(s): starting (logs in {logs})");
        var ports = new List<int>();
        for (var i = 0; i < hubCount; i++)
        {
            var port = FreePort();
            ports.Add(port);
            hubs.Add(StartHub(i, port, database, vhost, logs));
            if (i == 0)
            {
                // The first hub migrates the database; the others start once it is ready.
                await WaitReadyAsync(port, hubs[0], logs);
            }
        }

        foreach (var (port, hub) in ports.Zip(hubs))
        {
            await WaitReadyAsync(port, hub, logs);
        }

        await using var connection = await new ConnectionFactory { Uri = new Uri(vhost), ClientProvidedName = "commercebus-bench-scale" }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        Say($"{hubCount} hub(s): warm-up, {options.WarmUp} orders");
        await PublishAsync(channel, options.WarmUp, "W");
        await WaitCompletedAsync(database, options.WarmUp, hubs, logs);

        var before = Cpu(hubs, brokerPid, postgresPid);
        var machineBefore = ProcessCpu.MachineBusySeconds();
        var clock = Stopwatch.StartNew();
        Say($"{hubCount} hub(s): measuring, {options.Orders} orders");
        await PublishAsync(channel, options.Orders, "M");
        await WaitCompletedAsync(database, options.WarmUp + options.Orders, hubs, logs);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = Cpu(hubs, brokerPid, postgresPid);
        var machine = ProcessCpu.MachineBusySeconds() - machineBefore;
        var run = new Run(hubCount, options.Orders, seconds, after.Hubs - before.Hubs, after.Broker - before.Broker, after.Database - before.Database, machine / seconds, LoadAverage());
        Say($"{hubCount} hub(s): {run.OrdersPerSecond:0.0} orders/s, {run.CpuMicrosecondsPerOrder:0} CPU-µs/order, {run.OrdersPerCpuSecond:0.0} orders per CPU-second");
        return run;
    }
    finally
    {
        foreach (var hub in hubs)
        {
            if (!hub.HasExited)
            {
                hub.Kill();
                await hub.WaitForExitAsync();
            }

            hub.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(postgres))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace('-', '_')}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        await CtlAsync("delete_vhost", name);
    }
}

Process StartHub(int index, int port, string database, string vhost, string logs)
{
    var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = logs };
    var log = Path.Combine(logs, $"hub-{index + 1}.log");
    start.ArgumentList.Add("-c");
    var settings = new Dictionary<string, string>
    {
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["Logging__LogLevel__Default"] = "Warning",
        ["CommerceBus__InstanceId"] = $"bench-hub-{index + 1}",
        ["CommerceBus__Storage__PostgreSql"] = database,
        ["CommerceBus__RabbitMq__ConnectionString"] = vhost,
        ["CommerceBus__Adapters__RabbitMq__ConnectionString"] = vhost,
        ["CommerceBus__Adapters__Tcp__Listeners__terminals__Port"] = "0",
        // Each hub's demo endpoints on ports of their own.
        ["CommerceBus__DemoEndpoints__LegacyErp__EuUrl"] = $"http://127.0.0.1:{FreePort()}",
        ["CommerceBus__DemoEndpoints__LegacyErp__UsUrl"] = $"http://127.0.0.1:{FreePort()}",
        ["CommerceBus__DemoEndpoints__Payments__Url"] = $"http://127.0.0.1:{FreePort()}",
        ["CommerceBus__DemoEndpoints__Shipping__Port"] = FreePort().ToString(culture),
    };
    settings["CommerceBus__Endpoints__erp-eu__Address"] = settings["CommerceBus__DemoEndpoints__LegacyErp__EuUrl"] + "/LegacyErp/BookingService";
    settings["CommerceBus__Endpoints__erp-us__Address"] = settings["CommerceBus__DemoEndpoints__LegacyErp__UsUrl"] + "/LegacyErp/BookingService";
    settings["CommerceBus__Endpoints__payments__BaseUrl"] = settings["CommerceBus__DemoEndpoints__Payments__Url"] + "/";
    settings["CommerceBus__Endpoints__shipping__Port"] = settings["CommerceBus__DemoEndpoints__Shipping__Port"];
    // As command-line settings, not environment variables: the shell that redirects the log (dash) drops variables
    // whose names are not shell identifiers, such as those of the endpoints erp-eu and erp-us.
    var arguments = string.Join(' ', settings.Select(s => $"'--{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}'"));
    start.ArgumentList.Add($"exec dotnet '{Path.Combine(AppContext.BaseDirectory, "CommerceBus.Host.dll")}' {arguments} >'{log}' 2>&1");

    return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
}

async Task WaitReadyAsync(int port, Process hub, string logs)
{
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        if (hub.HasExited)
        {
            throw new InvalidOperationException($"a hub exited with {hub.ExitCode} while starting: read the hub logs in {logs}");
        }

        try
        {
            using var response = await http.GetAsync("/health/ready");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }

        if (deadline.Elapsed > TimeSpan.FromSeconds(240))
        {
            throw new TimeoutException($"the hub on port {port} was not ready within 240 s: read the hub logs in {logs}");
        }

        await Task.Delay(500);
    }
}

async Task PublishAsync(IChannel channel, int count, string prefix)
{
    var run = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
    var pending = new List<ValueTask>();
    for (var i = 0; i < count; i++)
    {
        var order = template.DeepClone();
        order["orderNumber"] = $"{prefix}{run}{i:D6}";
        var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString(), AppId = "bench" };
        pending.Add(channel.BasicPublishAsync("commerce.inbound", "order.place", mandatory: false, properties, Encoding.UTF8.GetBytes(order.ToJsonString())));
        if (pending.Count == 64)
        {
            foreach (var p in pending)
            {
                await p;
            }

            pending.Clear();
        }
    }

    foreach (var p in pending)
    {
        await p;
    }
}

async Task WaitCompletedAsync(string database, int total, List<Process> hubs, string logs)
{
    await using var connection = new NpgsqlConnection(database);
    await connection.OpenAsync();
    var deadline = Stopwatch.StartNew();
    var last = -1L;
    var lastChange = Stopwatch.StartNew();
    while (true)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM order_sagas WHERE \"CurrentState\" = 'Completed'", connection);
        var done = (long)(await count.ExecuteScalarAsync())!;
        if (done >= total)
        {
            return;
        }

        if (done != last)
        {
            last = done;
            lastChange.Restart();
        }

        if (lastChange.Elapsed > TimeSpan.FromSeconds(120) || hubs.Any(h => h.HasExited))
        {
            throw new TimeoutException($"{done} of {total} orders Completed and no progress for 120 s (or a hub exited): read the hub logs in {logs}");
        }

        await Task.Delay(250);
    }
}

async Task CtlAsync(params string[] arguments)
{
    var start = new ProcessStartInfo(rabbitCtl, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed: {output}");
    }
}

static (double Hubs, double Broker, double Database) Cpu(List<Process> hubs, int broker, int database) =>
    (hubs.Sum(h => ProcessCpu.TreeSeconds(h.Id)), ProcessCpu.TreeSeconds(broker), ProcessCpu.TreeSeconds(database));

static int FreePort()
{
    using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static void Say(string message) => Console.WriteLine($"==> {DateTime.UtcNow:HH:mm:ss} {message}");

string Report(List<Run> runs)
{
    var one = runs.FirstOrDefault(r => r.Hubs == 1);
    var text = new StringBuilder();
    text.AppendLine(culture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; AMQP intake (orders published with confirms to `commerce.inbound`), {options.Orders} orders per hub count after {options.WarmUp} warm-up orders; an order counts when its saga is Completed in PostgreSQL.");
    text.AppendLine();
    text.AppendLine("| hubs | orders/s | CPU-µs/order: hubs | broker | database | total | orders per CPU-second (total) | vs 1 hub | orders/s vs 1 hub | cores busy: these | whole machine | load average after |");
    text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var r in runs)
    {
        var ratio = one is null ? "" : (r.OrdersPerCpuSecond / one.OrdersPerCpuSecond).ToString("0.00", culture) + "×";
        var throughput = one is null ? "" : (r.OrdersPerSecond / one.OrdersPerSecond).ToString("0.00", culture) + "×";
        text.AppendLine(culture, $"| {r.Hubs} | {r.OrdersPerSecond:0.0} | {r.PerOrder(r.HubCpu):0} | {r.PerOrder(r.BrokerCpu):0} | {r.PerOrder(r.DatabaseCpu):0} | {r.CpuMicrosecondsPerOrder:0} | {r.OrdersPerCpuSecond:0.0} | {ratio} | {throughput} | {r.CoresBusy:0.00} | {r.MachineBusyCores:0.00} | {r.LoadAfter} |");
    }

    return text.ToString();
}

namespace CommerceBus.Bench.Scale
{
    internal sealed record Run(int Hubs, int Orders, double Seconds, double HubCpu, double BrokerCpu, double DatabaseCpu, double MachineBusyCores, string LoadAfter)
    {
        public double TotalCpu => HubCpu + BrokerCpu + DatabaseCpu;

        public double OrdersPerSecond => Orders / Seconds;

        public double CpuMicrosecondsPerOrder => PerOrder(TotalCpu);

        public double OrdersPerCpuSecond => Orders / TotalCpu;

        /// <summary>How many cores the hubs, broker and database kept busy on average over the measurement.</summary>
        public double CoresBusy => TotalCpu / Seconds;

        public double PerOrder(double cpuSeconds) => cpuSeconds * 1e6 / Orders;
    }

    internal sealed record ScaleOptions(int Orders, int WarmUp, int[] Hubs, string Out)
    {
        public static ScaleOptions Parse(string[] args)
        {
            var orders = 400;
            var warmUp = 40;
            var hubs = new[] { 1, 2, 3 };
            var output = "bench/results/scale.md";
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--orders": orders = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--warm-up": warmUp = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                    case "--hubs": hubs = [.. args[++i].Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture))]; break;
                    case "--out": output = args[++i]; break;
                    case "--quick": orders = 100; warmUp = 20; break;
                    default: throw new ArgumentException($"unknown argument {args[i]}: use --orders N, --warm-up N, --hubs 1,2,3, --out FILE, --quick");
                }
            }

            return new ScaleOptions(orders, warmUp, hubs, output);
        }
    }

    /// <summary>CPU seconds of a process and its descendants, from /proc (user + system, with children already reaped).</summary>
    internal static class ProcessCpu
    {
        private static readonly double TicksPerSecond = 100.0;

        /// <summary>CPU seconds every core of the machine has been busy (not idle, not waiting for I/O) since boot.</summary>
        public static double MachineBusySeconds()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (fields.Sum() - fields[3] - fields[4]) / TicksPerSecond;
        }

        public static double TreeSeconds(int root)
        {
            var parents = new Dictionary<int, int>();
            var ticks = new Dictionary<int, (long Own, long Reaped)>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    // Fields after the command name (which may hold spaces) in parentheses.
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                    ticks[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                        long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
                {
                    // The process ended while the folder was read.
                }
            }

            if (!ticks.TryGetValue(root, out var rootTicks))
            {
                return 0;
            }

            // The root's own time and what it reaped (ended children, e.g. PostgreSQL backends), plus its live descendants.
            var total = rootTicks.Own + rootTicks.Reaped;
            var queue = new Queue<int>([root]);
            while (queue.Count > 0)
            {
                var parent = queue.Dequeue();
                foreach (var (child, _) in parents.Where(p => p.Value == parent && p.Key != root))
                {
                    total += ticks[child].Own + ticks[child].Reaped;
                    queue.Enqueue(child);
                }
            }

            return total / TicksPerSecond;
        }
    }
}
