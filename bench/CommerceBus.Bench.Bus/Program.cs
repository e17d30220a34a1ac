using System.Globalization;
using System.Text;
using CommerceBus.Bench.Bus;
using CommerceBus.Bench.Bus.Flow;
using CommerceBus.Bench.Bus.Hop;
using CommerceBus.Bench.Bus.Intake;
using CommerceBus.Bench.Bus.Memory;
using CommerceBus.Bench.Bus.OData;
using CommerceBus.Bench.Bus.Reporting;
using CommerceBus.Bench.Bus.Sagas;

// The bus-side benchmarks of issue 9: message hop, saga transitions, OData paging, idle memory. Writes a markdown
// fragment to --out; see bench/README.md, "Bus scenarios".
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

var servers = new BenchServers();
var machine = Machine.Describe();
Progress.Say($"bus benchmarks{(options.Quick ? " (quick)" : "")} on {machine}");
Progress.Say($"RabbitMQ: {(servers.RabbitMq is null ? "not configured" : "configured")}; PostgreSQL: {(servers.Postgres is null ? "not configured" : "configured")}");

static async Task<IReadOnlyList<ResultTable>> One(Task<ResultTable> table) => [await table];
var scenarios = new (string Name, Func<Task<IReadOnlyList<ResultTable>>> Run)[]
{
    // The scenarios of issue 21 first: on a loaded machine a run may have to be stopped part-way.
    ("intake", () => One(DurableIntakeScenario.RunAsync(servers, options))),
    ("flow", () => WholeFlowScenario.RunAsync(servers, options)),
    ("memory", () => One(IdleMemoryScenario.RunAsync(options))),
    ("hop", () => One(HopScenario.RunAsync(servers, options))),
    ("saga", () => One(SagaScenario.RunAsync(servers, options))),
    ("odata", () => One(ODataScenario.RunAsync(servers, options))),
};
if (options.Only is { } only)
{
    scenarios = [.. scenarios.Where(s => s.Name == only)];
    if (scenarios.Length == 0)
    {
        Console.Error.WriteLine($"error: no scenario is called '{only}'; use hop, saga, odata, intake, flow or memory");
        return 2;
    }
}

var markdown = new StringBuilder();
markdown.AppendLine("## Bus scenarios").AppendLine();
markdown.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(options.Quick ? " (--quick: fewer messages, indicative only)" : "")} on: {machine}.");
var load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
markdown.AppendLine(CultureInfo.InvariantCulture, $"Load average when the bus scenarios started (1/5/15 min): {load}; ratios are taken within one run.").AppendLine();
var failed = false;
foreach (var (name, run) in scenarios)
{
    try
    {
        foreach (var table in await run())
        {
            table.WriteTo(markdown);
        }
    }
    catch (Exception ex)
    {
        // One broken scenario must not cost the results of the others; the fragment says what failed.
        failed = true;
        Console.Error.WriteLine($"error: the {name} scenario failed: {ex}");
        markdown.AppendLine(CultureInfo.InvariantCulture, $"### {name}").AppendLine();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"Failed: {ex.GetType().Name}: {ex.Message}").AppendLine();
    }

    // After every scenario, so a run stopped part-way still leaves the tables it measured.
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutFile))!);
    await File.WriteAllTextAsync(options.OutFile, markdown.ToString());
}

var directory = Path.GetDirectoryName(Path.GetFullPath(options.OutFile))!;
Directory.CreateDirectory(directory);
await File.WriteAllTextAsync(options.OutFile, markdown.ToString());
Progress.Say($"results written to {options.OutFile}");
return failed ? 1 : 0;
