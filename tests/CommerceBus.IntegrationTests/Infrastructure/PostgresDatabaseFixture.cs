using Xunit;

namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>A class fixture giving a test class its own empty PostgreSQL database, dropped after the class has run.</summary>
public class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? _connectionString;

    /// <summary>The connection string of this test class's database.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException(PostgresServer.SkipReason ?? "The database has not been created yet.");

    /// <summary>Names the database (<c>cb_&lt;prefix&gt;_...</c>) so a leftover one tells which tests made it.</summary>
    protected virtual string DatabasePrefix => "test";

    public async Task InitializeAsync()
    {
        // xUnit builds class fixtures even when every test of the class is skipped; there is nothing to create then.
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        _connectionString = await PostgresServer.CreateDatabaseAsync(DatabasePrefix);
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }
}
