namespace CommerceBus.Adapters.Proxy.Soap;

/// <summary>What a scan found: the element's text, or why there is none.</summary>
internal readonly record struct SoapScanResult(SoapScanOutcome Outcome, string? Value = null, string? Problem = null)
{
    public static SoapScanResult Found(string value) => new(SoapScanOutcome.Found, value);

    public static SoapScanResult NotFound { get; } = new(SoapScanOutcome.NotFound);

    public static SoapScanResult Malformed(string problem) => new(SoapScanOutcome.Malformed, Problem: problem);
}
