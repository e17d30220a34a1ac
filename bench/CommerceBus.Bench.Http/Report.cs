using System.Globalization;
using System.Text;

namespace CommerceBus.Bench.Http;

/// <summary>Writes the HTTP/SOAP results as markdown: every cell with its ratios, then the targets of issue 9, item 6.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<CellResult> results, BenchSettings settings)
    {
        var md = new StringBuilder();
        md.AppendLine("### HTTP/SOAP scenarios" + (settings.Quick ? " (--quick)" : "") + (settings.Rounds > 1 ? $" (each cell the median of {settings.Rounds} interleaved rounds)" : ""));
        md.AppendLine();
        md.AppendLine("Every scenario is first warmed up until its process's CPU per request settles. " + Invariant($"Each cell: {settings.WarmUp.TotalSeconds:0.#} s warm-up, then {settings.Duration.TotalSeconds:0.#} s measured; closed loop, c workers over HTTP/1.1 keep-alive connections. ")
            + "× direct and × pass are throughput ratios in the same run; +p50/+p99 is the latency added over calling the backend directly; "
            + "CPU is the CPU time (user + system) of the process under test (the backend for direct, the YARP peer, the hub) per request, measured over the window.");
        md.AppendLine();
        md.AppendLine("| scenario | size | bytes | c | req/s | × direct | × pass | p50 ms | p99 ms | +p50 ms | +p99 ms | CPU µs/req | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var direct = Find(results, "direct", r.Size, r.Concurrency);
            var pass = Find(results, "pass", r.Size, r.Concurrency);
            md.AppendLine(Invariant($"| {r.Scenario.Name} | {Size(r.Size)} | {r.MessageBytes} | {r.Concurrency} | {r.RequestsPerSecond:0} | {Ratio(r, direct)} | {Ratio(r, pass)} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {Added(r.P50Ms, direct?.P50Ms)} | {Added(r.P99Ms, direct?.P99Ms)} | {r.CpuMicrosPerRequest:0} | {r.Errors} |"));
        }

        md.AppendLine();
        md.AppendLine("#### Targets (issue 9, item 6)");
        md.AppendLine();
        var concurrencies = settings.Concurrencies;
        md.AppendLine("| target | size | " + string.Join(" | ", concurrencies.Select(c => $"c={c}")) + " |");
        md.AppendLine("|---|---:|" + string.Concat(concurrencies.Select(_ => "---|")));
        foreach (var size in settings.Sizes)
        {
            Target(md, results, concurrencies, size, "pass ≥ 0.60× direct", (r, c) => Check(Find(r, "pass", size, c), Find(r, "direct", size, c), 0.60));
            Target(md, results, concurrencies, size, "pass adds ≤ 0.5 ms at p50", (r, c) =>
            {
                var pass = Find(r, "pass", size, c);
                var direct = Find(r, "direct", size, c);
                if (pass is null || direct is null)
                {
                    return "–";
                }

                var added = pass.P50Ms - direct.P50Ms;
                return Invariant($"{added:+0.00;-0.00} ms {(added <= 0.5 ? "✅" : "❌")}");
            });
            Target(md, results, concurrencies, size, "cbr-http ≥ 0.97× pass", (r, c) => Check(Find(r, "cbr-http", size, c), Find(r, "pass", size, c), 0.97));
            if (size is 1024 or 10240)
            {
                var floor = size == 1024 ? 0.90 : 0.50;
                Target(md, results, concurrencies, size, Invariant($"cbr-soap-header ≥ {floor:0.00}× pass"), (r, c) => Check(Find(r, "cbr-soap-header", size, c), Find(r, "pass", size, c), floor));
                Target(md, results, concurrencies, size, Invariant($"cbr-soap-body ≥ {floor:0.00}× pass"), (r, c) => Check(Find(r, "cbr-soap-body", size, c), Find(r, "pass", size, c), floor));
            }
        }

        return md.ToString();
    }

    private static void Target(StringBuilder md, IReadOnlyList<CellResult> results, IReadOnlyList<int> concurrencies, int size, string name, Func<IReadOnlyList<CellResult>, int, string> cell) =>
        md.AppendLine($"| {name} | {Size(size)} | " + string.Join(" | ", concurrencies.Select(c => cell(results, c))) + " |");

    private static string Check(CellResult? measured, CellResult? baseline, double floor)
    {
        if (measured is null || baseline is null)
        {
            return "–";
        }

        var ratio = measured.RequestsPerSecond / baseline.RequestsPerSecond;
        return Invariant($"{ratio:0.00}× {(ratio >= floor ? "✅" : "❌")}");
    }

    private static CellResult? Find(IReadOnlyList<CellResult> results, string scenario, int size, int concurrency) =>
        results.FirstOrDefault(r => r.Scenario.Name == scenario && r.Size == size && r.Concurrency == concurrency);

    private static string Ratio(CellResult r, CellResult? baseline) =>
        baseline is null ? "–" : Invariant($"{r.RequestsPerSecond / baseline.RequestsPerSecond:0.00}");

    private static string Added(double value, double? baseline) => baseline is null ? "–" : Invariant($"{value - baseline.Value:+0.00;-0.00}");

    private static string Size(int size) => size >= 1024 ? Invariant($"{size / 1024} KB") : Invariant($"{size} B");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
