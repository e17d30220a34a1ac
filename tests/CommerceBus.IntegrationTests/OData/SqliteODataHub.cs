namespace CommerceBus.IntegrationTests.OData;

/// <summary>The query API on the embedded SQLite database, in the Development environment (where errors must still hide stack traces).</summary>
public sealed class SqliteODataHub : ODataHubFixture
{
    protected override string? Environment => "Development";
}
