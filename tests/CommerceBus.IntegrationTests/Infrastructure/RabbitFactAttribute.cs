using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>A fact that needs RabbitMQ: skipped on a developer machine without one, run (and failing) on CI.</summary>
public sealed class RabbitFactAttribute : FactAttribute
{
    public RabbitFactAttribute()
    {
        if (RabbitServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
