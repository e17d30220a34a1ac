namespace CommerceBus.IntegrationTests.OData;

/// <summary>The OData query tests on PostgreSQL: skipped without a server, failing on CI without one.</summary>
public sealed class PostgresODataQueryTests(PostgresODataHub hub) : ODataQueryTests<PostgresODataHub>(hub);
