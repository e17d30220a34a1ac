namespace CommerceBus.Bench.Http;

/// <summary>What one benchmark run measures: the matrix and how long each cell runs.</summary>
internal sealed record BenchSettings(string HubDll, string Out, bool Quick)
{
    public IReadOnlyList<int> Sizes => Quick ? [1024] : [512, 1024, 10240, 102400];

    public IReadOnlyList<int> Concurrencies => Quick ? [20] : [20, 100, 200];

    public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1);

    public TimeSpan Duration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(3);

    public static BenchSettings From(string[] args) =>
        new(Arguments.Value(args, "--hub"), Arguments.Value(args, "--out"), args.Contains("--quick"));
}
