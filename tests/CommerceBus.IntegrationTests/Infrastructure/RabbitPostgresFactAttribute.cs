using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs both RabbitMQ and PostgreSQL (the production configuration): skipped on a developer machine
/// without either, run (and failing) on CI.
/// </summary>
public sealed class RabbitPostgresFactAttribute : FactAttribute
{
    public RabbitPostgresFactAttribute()
    {
        if ((RabbitServer.SkipReason ?? PostgresServer.SkipReason) is { } reason)
        {
            Skip = reason;
        }
    }
}
