using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>A fact that needs PostgreSQL: skipped on a developer machine without one, run (and failing) on CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
