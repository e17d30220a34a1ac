namespace CommerceBus.Bench.Http;

/// <summary>What one cell (scenario × size × concurrency) measured.</summary>
internal sealed record CellResult(
    Scenario Scenario,
    int Size,
    int MessageBytes,
    int Concurrency,
    long Requests,
    long Errors,
    double Seconds,
    double P50Ms,
    double P99Ms,
    double CpuMicrosPerRequest)
{
    public double RequestsPerSecond => Requests / Seconds;
}
