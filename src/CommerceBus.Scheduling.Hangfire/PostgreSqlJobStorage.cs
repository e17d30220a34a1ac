using System.Runtime.CompilerServices;
using CommerceBus.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>
/// The scheduler's jobs in the hub's PostgreSQL database. Everything that names Hangfire.PostgreSql or Npgsql is here,
/// called only when PostgreSQL is configured, so that a hub on the embedded default never loads those assemblies.
/// </summary>
internal static class PostgreSqlJobStorage
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JobStorage Create(StorageOptions storage)
    {
        // The schema is installed by HangfireServerHost after the hub's own tables exist: EF Core creates those only
        // in a database without tables, and the dashboard creates this storage before the database initializer runs.
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(storage.PostgreSql, options), options);
    }

    /// <summary>Installs Hangfire's schema in the hub's PostgreSQL database.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task InstallAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(storage.PostgreSql);
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection);
    }
}
