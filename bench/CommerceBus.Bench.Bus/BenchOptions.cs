namespace CommerceBus.Bench.Bus;

/// <summary>The command line: <c>--out FILE</c> (the markdown fragment) and <c>--quick</c> (fewer messages, for a smoke run).</summary>
internal sealed record BenchOptions(string OutFile, bool Quick)
{
    public static BenchOptions Parse(string[] args)
    {
        var outFile = "bench/results/bus.md";
        var quick = false;
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
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use: --out FILE [--quick]");
            }
        }

        return new BenchOptions(outFile, quick);
    }

    /// <summary>Scales a message count down for a quick run.</summary>
    public int Count(int full) => Quick ? Math.Max(50, full / 10) : full;
}
