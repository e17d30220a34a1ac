using Npgsql;

namespace CommerceBus.Bench.Bus;

/// <summary>
/// The real servers a run uses, from the variables <c>scripts/servers.sh</c> exports (<c>COMMERCEBUS_TEST_POSTGRES</c>,
/// <c>COMMERCEBUS_TEST_RABBITMQ</c>); a scenario whose server is missing is reported as not run, never faked.
/// </summary>
internal sealed class BenchServers
{
    public string? Postgres { get; } = Environment.GetEnvironmentVariable("COMMERCEBUS_TEST_POSTGRES") is { Length: > 0 } pg ? pg : null;

    public Uri? RabbitMq { get; } = Environment.GetEnvironmentVariable("COMMERCEBUS_TEST_RABBITMQ") is { Length: > 0 } uri ? new Uri(uri) : null;

    public const string Missing = "not run: start the servers first (bench/run-bus.sh does, through scripts/servers.sh)";

    /// <summary>A fresh, empty database on the PostgreSQL server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    /// <summary>A fresh directory for an embedded SQLite database.</summary>
    public static string TempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "commercebus-bench", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
