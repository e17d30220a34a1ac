using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Persistence.PostgreSql;

/// <summary>Production: the hub database on PostgreSQL.</summary>
public static class PostgreSqlHubDatabase
{
    /// <summary>The hub context on PostgreSQL, retrying transient failures with waits growing up to <paramref name="retryMaxDelay"/>.</summary>
    public static DbContextOptionsBuilder UseHubPostgreSql(this DbContextOptionsBuilder options, string connectionString, TimeSpan retryMaxDelay) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .EnableRetryOnFailure(6, retryMaxDelay, null)
            .MigrationsAssembly(HubDatabase.PostgreSqlMigrationsAssembly));
}
