namespace CommerceBus.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a hub test against its own RabbitMQ virtual host and PostgreSQL database, handed to it as the hub settings that
/// put the bus and the storage there; both are removed afterwards.
/// </summary>
internal static class RabbitAndPostgres
{
    public static async Task RunAsync(string prefix, Func<Dictionary<string, string?>, Task> test)
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync(prefix);
        var database = await PostgresServer.CreateDatabaseAsync(prefix);
        try
        {
            await test(new Dictionary<string, string?>
            {
                ["CommerceBus:RabbitMq:ConnectionString"] = vhost,
                ["CommerceBus:Storage:PostgreSql"] = database,
            });
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }
}
