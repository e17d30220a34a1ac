using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.Persistence;
using CommerceBus.Persistence.Coordination;
using CommerceBus.Persistence.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CommerceBus.IntegrationTests.Coordination;

/// <summary>
/// The hubs that count as live are those on the same database: a hub of another deployment on the same PostgreSQL server
/// (its own database) is not working on these orders, so a hub that starts alone on its database runs its start-up
/// recovery even while that one is live. PostgreSQL shows every database's advisory locks in <c>pg_locks</c>.
/// </summary>
public sealed class HubsOnOtherDatabasesTests
{
    [PostgresFact]
    public async Task A_hub_live_on_another_database_of_the_server_is_not_counted_and_one_on_the_same_database_is()
    {
        var first = await PostgresServer.CreateDatabaseAsync("coord_a");
        var second = await PostgresServer.CreateDatabaseAsync("coord_b");
        try
        {
            await using var onFirst = Coordination(first, "hub-on-a");
            await onFirst.JoinAsync(CancellationToken.None);
            Assert.False(onFirst.OthersWereLive, "the first hub on database a found no other hub");

            await using (var onSecond = Coordination(second, "hub-on-b"))
            {
                await onSecond.JoinAsync(CancellationToken.None);
                Assert.False(onSecond.OthersWereLive, "a hub live on database a was counted as live on database b");
            }

            await using var alsoOnFirst = Coordination(first, "second-hub-on-a");
            await alsoOnFirst.JoinAsync(CancellationToken.None);
            Assert.True(alsoOnFirst.OthersWereLive, "the second hub on database a did not see the first one");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(first);
            await PostgresServer.DropDatabaseAsync(second);
        }
    }

    private static PostgreSqlHubCoordination Coordination(string connectionString, string instance) =>
        new(new StorageOptions { PostgreSql = connectionString }, new HubInstance(instance), NullLogger<PostgreSqlHubCoordination>.Instance);
}
