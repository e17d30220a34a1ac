using Npgsql;
using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

public sealed class PostgresServerTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public async Task Fixture_database_is_fresh_and_stores_and_returns_a_row()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE orders (id text PRIMARY KEY, total numeric NOT NULL); INSERT INTO orders VALUES (@id, @total)",
            connection))
        {
            create.Parameters.AddWithValue("id", "ORD-1");
            create.Parameters.AddWithValue("total", 42.50m);
            await create.ExecuteNonQueryAsync();
        }

        await using var read = new NpgsqlCommand("SELECT current_database(), id, total FROM orders", connection);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.StartsWith("cb_test_", reader.GetString(0), StringComparison.Ordinal);
        Assert.Equal("ORD-1", reader.GetString(1));
        Assert.Equal(42.50m, reader.GetDecimal(2));
        Assert.False(await reader.ReadAsync());
    }

    [PostgresFact]
    public async Task Dropped_database_no_longer_exists()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("Drop Me");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;

        await PostgresServer.DropDatabaseAsync(connectionString);

        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        count.Parameters.AddWithValue("name", name!);
        Assert.StartsWith("cb_drop_me_", name, StringComparison.Ordinal);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
