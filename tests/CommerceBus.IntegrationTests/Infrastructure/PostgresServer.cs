using System.Text;
using Npgsql;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>The PostgreSQL server of a test run, named by COMMERCEBUS_TEST_POSTGRES; hands out throwaway databases.</summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "COMMERCEBUS_TEST_POSTGRES";

    public const string NotConfiguredMessage =
        "PostgreSQL is not configured: run bash scripts/test.sh, which installs and starts it";

    // PostgreSQL truncates identifiers past 63 bytes; names are kept below that so they stay unique.
    private const int MaxDatabaseNameLength = 63;

    /// <summary>Why PostgreSQL tests skip, or null when they run: always on CI, where a missing server must fail, never skip.</summary>
    internal static string? SkipReason => IsAvailable || IsContinuousIntegration ? null : NotConfiguredMessage;

    public static bool IsAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));

    private static bool IsContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string of the server's maintenance database, from which databases are created.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException(NotConfiguredMessage);

    /// <summary>Creates an empty database named <c>cb_&lt;prefix&gt;_&lt;short guid&gt;</c> and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = NewDatabaseName(prefix);
        await ExecuteOnAdminDatabaseAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of a connection string made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name) || !name.StartsWith("cb_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Only databases made by {nameof(CreateDatabaseAsync)} are dropped, not '{name}'.", nameof(connectionString));
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnAdminDatabaseAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
    }

    private static string NewDatabaseName(string prefix)
    {
        var suffix = "_" + Guid.NewGuid().ToString("N")[..8];
        var name = new StringBuilder("cb_");
        foreach (var c in prefix.ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }

        var maxPrefixed = MaxDatabaseNameLength - suffix.Length;
        return (name.Length > maxPrefixed ? name.ToString(0, maxPrefixed) : name.ToString()) + suffix;
    }

    private static async Task ExecuteOnAdminDatabaseAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
