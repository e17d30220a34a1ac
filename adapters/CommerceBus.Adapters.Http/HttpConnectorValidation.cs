namespace CommerceBus.Adapters.Http;

/// <summary>Checks an endpoint's <c>http</c> settings, so a wrong one fails start-up with the setting's name.</summary>
internal static class HttpConnectorValidation
{
    public static string? Problem(HttpConnectorOptions o, IReadOnlyCollection<string> contracts) => o switch
    {
        { BaseUrl: null } => "BaseUrl is required (e.g. http://localhost:5103/)",
        { BaseUrl.IsAbsoluteUri: false } => $"BaseUrl '{o.BaseUrl}' must be an absolute http(s) URL",
        _ when o.BaseUrl.Scheme is not ("http" or "https") => $"BaseUrl '{o.BaseUrl}' must be an absolute http(s) URL",
        { Contract: null or "" } => $"Contract is missing: the name of the HTTP contract the endpoint speaks ({Known(contracts)})",
        _ when !contracts.Contains(o.Contract.Trim(), StringComparer.OrdinalIgnoreCase) =>
            $"Contract '{o.Contract}' is not a registered HTTP contract ({Known(contracts)}); does a module add it with AddHttpContract?",
        { MaxRetries: < 0 } => "MaxRetries must not be negative",
        _ when o.AttemptTimeout <= TimeSpan.Zero || o.TotalTimeout <= TimeSpan.Zero => "AttemptTimeout and TotalTimeout must be positive",
        _ when o.RetryDelay <= TimeSpan.Zero => "RetryDelay must be positive",
        _ when o.BreakerFailureRatio is <= 0 or > 1 => "BreakerFailureRatio must be above 0 and at most 1",
        { BreakerMinimumThroughput: < 2 } => "BreakerMinimumThroughput must be at least 2",
        _ when o.BreakerSampling < TimeSpan.FromMilliseconds(500) || o.BreakDuration < TimeSpan.FromMilliseconds(500) =>
            "BreakerSampling and BreakDuration must be at least 00:00:00.5",
        _ => null,
    };

    private static string Known(IReadOnlyCollection<string> contracts) =>
        contracts.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", contracts);
}
