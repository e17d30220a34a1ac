using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>A theory that needs PostgreSQL: skipped on a developer machine without one, run (and failing) on CI.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
