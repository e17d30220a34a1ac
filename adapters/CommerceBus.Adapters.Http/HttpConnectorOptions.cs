namespace CommerceBus.Adapters.Http;

/// <summary>The settings of one endpoint on the <c>http</c> connector (<c>CommerceBus:Endpoints:{name}:…</c>).</summary>
public sealed class HttpConnectorOptions
{
    /// <summary>Where the service lives, e.g. <c>http://localhost:5103/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The name of the registered HTTP contract the endpoint speaks (<c>AddHttpContract</c>); required.</summary>
    public string? Contract { get; set; }

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a delivery may take, every retry included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure (a 5xx, 408, 429, a timeout, a refused connection) after the first attempt.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles it, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The share of failed attempts within <see cref="BreakerSampling"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>How many attempts the breaker must have seen in its window before it may open.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window the breaker counts failures in.</summary>
    public TimeSpan BreakerSampling { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once, without calling the service, before it tries again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
