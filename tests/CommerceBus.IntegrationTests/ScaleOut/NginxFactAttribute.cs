using CommerceBus.IntegrationTests.Infrastructure;
using Xunit;

namespace CommerceBus.IntegrationTests.ScaleOut;

/// <summary>A fact that needs the test run's nginx: skipped on a developer machine without it, run (and failing) on CI.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (NginxServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs nginx, RabbitMQ and PostgreSQL (the scale-out deployment): skipped without them, run on CI.</summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        if ((NginxServer.SkipReason ?? RabbitServer.SkipReason ?? PostgresServer.SkipReason) is { } reason)
        {
            Skip = reason;
        }
    }
}
