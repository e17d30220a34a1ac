using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Persistence.PostgreSql;

/// <summary>Production: the hub database on PostgreSQL.</summary>
public static class PostgreSqlHubDatabase
{
    /// <summary>
    /// The hub context on PostgreSQL, retrying transient failures with waits growing up to <paramref name="retryMaxDelay"/>,
    /// with <see cref="PostgreSqlConnectionDefaults"/> where the connection string does not say otherwise.
    /// </summary>
    public static DbContextOptionsBuilder UseHubPostgreSql(this DbContextOptionsBuilder options, string connectionString, TimeSpan retryMaxDelay) =>
        options.UseNpgsql(PostgreSqlConnectionDefaults.Apply(connectionString), npgsql => npgsql
            .EnableRetryOnFailure(6, retryMaxDelay, null)
            .MigrationsAssembly(HubDatabase.PostgreSqlMigrationsAssembly));
}
