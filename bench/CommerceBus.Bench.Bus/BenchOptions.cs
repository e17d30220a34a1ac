namespace CommerceBus.Bench.Bus;

/// <summary>
/// The command line: <c>--out FILE</c> (the markdown fragment), <c>--quick</c> (fewer messages, for a smoke run) and
/// <c>--only NAME</c> (one scenario: hop, saga, odata, intake, flow or memory; while working on it).
/// </summary>
internal sealed record BenchOptions(string OutFile, bool Quick, string? Only)
{
    public static BenchOptions Parse(string[] args)
    {
        var outFile = "bench/results/bus.md";
        var quick = false;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    outFile = args[++i];
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use: --out FILE [--quick] [--only hop|saga|odata|intake|flow|memory]");
            }
        }

        return new BenchOptions(outFile, quick, only);
    }

    /// <summary>Scales a message count down for a quick run.</summary>
    public int Count(int full) => Quick ? Math.Max(50, full / 10) : full;
}
