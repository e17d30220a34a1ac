using CommerceBus.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using CommerceBus.Persistence.PostgreSql;
using CommerceBus.Persistence.Sqlite;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// The database of a schema test: a SQLite file in a folder of its own, or a throwaway PostgreSQL database; hubs are
/// started on it with <see cref="Settings"/> and <see cref="DataDirectory"/>, and the test reaches it directly too.
/// </summary>
public sealed class HubStorage : IAsyncDisposable
{
    private HubStorage(string? postgreSql)
    {
        PostgreSql = postgreSql;
        DataDirectory = Path.Combine(Path.GetTempPath(), "commercebus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string? PostgreSql { get; }

    public string DataDirectory { get; }

    public bool IsPostgreSql => PostgreSql is not null;

    /// <summary>Where <see cref="Hosting.TestHub"/> puts the SQLite file when started on <see cref="DataDirectory"/>.</summary>
    public string SqlitePath => Path.Combine(DataDirectory, "commercebus.db");

    public static HubStorage Sqlite() => new(null);

    public static async Task<HubStorage> PostgreSqlAsync(string prefix) => new(await PostgresServer.CreateDatabaseAsync(prefix));

    /// <summary>The hub settings that put it on this database (start it on <see cref="DataDirectory"/> too).</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (PostgreSql is not null)
        {
            settings["CommerceBus:Storage:PostgreSql"] = PostgreSql;
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The storage options the hub would have on this database.</summary>
    public StorageOptions StorageOptions => new() { PostgreSql = PostgreSql, SqlitePath = SqlitePath };

    /// <summary>The provider the hub would use on this database.</summary>
    public IHubDatabaseProvider Provider => PostgreSql is not null ? new PostgreSqlHubDatabaseProvider() : new SqliteHubDatabaseProvider();

    /// <summary>A context on this database configured as the hub configures its own; <paramref name="more"/> may replace services.</summary>
    public IDbContextFactory<HubDbContext> Contexts(Action<DbContextOptionsBuilder>? more = null)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        if (PostgreSql is not null)
        {
            options.UseHubPostgreSql(PostgreSql, TimeSpan.FromSeconds(1));
        }
        else
        {
            options.UseHubSqlite(SqlitePath);
        }

        options.UseHubModelWithOrders();
        more?.Invoke(options);
        return new PooledDbContextFactory<HubDbContext>(options.Options);
    }

    /// <summary>Runs SQL on the database, outside EF Core (several statements allowed).</summary>
    public async Task ExecuteAsync(string sql)
    {
        if (PostgreSql is not null)
        {
            await using var connection = new NpgsqlConnection(PostgreSql);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The first column of every row of a query, as text.</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        var rows = new List<string>();
        if (PostgreSql is not null)
        {
            await using var connection = new NpgsqlConnection(PostgreSql);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgreSql is not null)
        {
            await PostgresServer.DropDatabaseAsync(PostgreSql);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection of a stopped hub: the temp folder keeps it.
        }
    }
}
