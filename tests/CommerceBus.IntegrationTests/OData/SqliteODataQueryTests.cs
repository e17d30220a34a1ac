namespace CommerceBus.IntegrationTests.OData;

/// <summary>The OData query tests on the embedded SQLite database.</summary>
public sealed class SqliteODataQueryTests(SqliteODataHub hub) : ODataQueryTests<SqliteODataHub>(hub);
