using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>Group commit on PostgreSQL: many writers, so the batch shares one WAL flush instead of one per order.</summary>
public sealed class PostgreSqlGroupCommitTests(PostgresDatabaseFixture database) : GroupCommitTests, IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public Task Concurrent_orders_share_one_commit_and_each_is_answered_only_after_it_on_PostgreSQL() =>
        Concurrent_orders_share_one_commit_and_each_is_answered_only_after_it();

    [PostgresFact]
    public Task Order_the_database_refuses_is_refused_alone_and_the_rest_of_its_batch_is_accepted_on_PostgreSQL() =>
        Order_the_database_refuses_is_refused_alone_and_the_rest_of_its_batch_is_accepted();

    [PostgresFact]
    public Task Two_copies_of_one_message_in_one_batch_are_accepted_once_and_the_other_is_a_duplicate_on_PostgreSQL() =>
        Two_copies_of_one_message_in_one_batch_are_accepted_once_and_the_other_is_a_duplicate();

    protected override Task<TestHub> StartHubAsync(CommitProbe probe) =>
        TestHub.StartAsync(
            new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = database.ConnectionString },
            configureServices: services => services.ConfigureDbContext<HubDbContext>(o => o.AddInterceptors(probe.Commands, probe.Transactions)));

    protected override Task PoisonAsync(HubDbContext db, string orderNumber)
    {
        // DDL takes no parameters; the order number is the test's own (letters and digits).
        var constraint = $"ALTER TABLE orders ADD CONSTRAINT \"poison_{orderNumber}\" CHECK (\"OrderNumber\" <> '{orderNumber}')";
        return db.Database.ExecuteSqlRawAsync(constraint);
    }
}
