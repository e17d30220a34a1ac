using CommerceBus.IntegrationTests.Infrastructure;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>The query API on a PostgreSQL database of its own.</summary>
public sealed class PostgresODataHub : ODataHubFixture
{
    private string? _connectionString;

    public override string? SkipReason => PostgresServer.SkipReason;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }

    protected override async Task<IDictionary<string, string?>> DatabaseSettingsAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("odata");
        return new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = _connectionString };
    }
}
