using Xunit;

namespace CommerceBus.IntegrationTests.Observability;

/// <summary>A fact that needs the run's Prometheus server: skipped on a developer machine without one, run (and failing) on CI.</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (PrometheusServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
