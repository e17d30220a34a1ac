namespace CommerceBus.Adapters.Http;

/// <summary>Checks an endpoint's <c>http</c> settings, so a wrong one fails start-up with the setting's name.</summary>
internal static class HttpConnectorValidation
{
    public static string? Problem(HttpConnectorOptions o) => o switch
    {
        { BaseUrl: null } => "BaseUrl is required (e.g. http://localhost:5103/)",
        { BaseUrl.IsAbsoluteUri: false } => $"BaseUrl '{o.BaseUrl}' must be an absolute http(s) URL",
        _ when o.BaseUrl.Scheme is not ("http" or "https") => $"BaseUrl '{o.BaseUrl}' must be an absolute http(s) URL",
        _ when !string.Equals(o.Contract, HttpConnectorOptions.PaymentsContractName, StringComparison.OrdinalIgnoreCase) =>
            $"Contract '{o.Contract}' is not known (payments)",
        { MaxRetries: < 0 } => "MaxRetries must not be negative",
        _ when o.AttemptTimeout <= TimeSpan.Zero || o.TotalTimeout <= TimeSpan.Zero => "AttemptTimeout and TotalTimeout must be positive",
        _ when o.RetryDelay <= TimeSpan.Zero => "RetryDelay must be positive",
        _ when o.BreakerFailureRatio is <= 0 or > 1 => "BreakerFailureRatio must be above 0 and at most 1",
        { BreakerMinimumThroughput: < 2 } => "BreakerMinimumThroughput must be at least 2",
        _ when o.BreakerSampling < TimeSpan.FromMilliseconds(500) || o.BreakDuration < TimeSpan.FromMilliseconds(500) =>
            "BreakerSampling and BreakDuration must be at least 00:00:00.5",
        _ => null,
    };
}
