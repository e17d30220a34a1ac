using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>A theory that needs RabbitMQ: skipped on a developer machine without one, run (and failing) on CI.</summary>
public sealed class RabbitTheoryAttribute : TheoryAttribute
{
    public RabbitTheoryAttribute()
    {
        if (RabbitServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
