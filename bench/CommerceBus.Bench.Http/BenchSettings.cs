namespace CommerceBus.Bench.Http;

/// <summary>What one benchmark run measures: the matrix and how long each cell runs.</summary>
/// <remarks>
/// <c>--sizes 1024</c>, <c>--scenarios pass,cbr-soap-header</c> and <c>--rounds 3</c> narrow and repeat the matrix, to
/// look at one target closely (e.g. SOAP CBR at 1 KB): with rounds, every cell is measured that many times, the rounds
/// interleaved, and the round with the median throughput is reported.
/// </remarks>
internal sealed record BenchSettings(string HubDll, string Out, bool Quick, IReadOnlyList<int>? OnlySizes = null, IReadOnlyList<string>? OnlyScenarios = null, int Rounds = 1)
{
    public IReadOnlyList<int> Sizes => OnlySizes ?? (Quick ? [1024] : [512, 1024, 10240, 102400]);

    public IReadOnlyList<Scenario> Scenarios => OnlyScenarios is null ? Scenario.All : [.. Scenario.All.Where(s => OnlyScenarios.Contains(s.Name))];

    public IReadOnlyList<int> Concurrencies => Quick ? [20] : [20, 100, 200];

    public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);

    public TimeSpan Duration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(3);

    public static BenchSettings From(string[] args) =>
        new(Arguments.Value(args, "--hub"), Arguments.Value(args, "--out"), args.Contains("--quick"),
            args.Contains("--sizes") ? [.. Arguments.Value(args, "--sizes").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))] : null,
            args.Contains("--scenarios") ? Arguments.Value(args, "--scenarios").Split(',') : null,
            args.Contains("--rounds") ? int.Parse(Arguments.Value(args, "--rounds"), System.Globalization.CultureInfo.InvariantCulture) : 1);
}
