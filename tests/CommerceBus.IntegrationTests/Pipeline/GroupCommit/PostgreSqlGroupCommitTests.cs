using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>
/// Group commit on PostgreSQL: many writers, so the batch shares one WAL flush instead of one per order. Each test has a
/// database of its own: a hub started on a database another test left orders in resumes their fulfillment, and its
/// journal writes would queue in the committer beside the test's orders.
/// </summary>
public sealed class PostgreSqlGroupCommitTests : GroupCommitTests, IAsyncLifetime
{
    private string? _connectionString;

    public async Task InitializeAsync()
    {
        // xUnit builds the class even when the test is skipped; there is nothing to create then.
        if (PostgresServer.IsAvailable)
        {
            _connectionString = await PostgresServer.CreateDatabaseAsync("group_commit");
        }
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(_connectionString);
        }
    }

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
            Settings(new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = _connectionString ?? throw new InvalidOperationException(PostgresServer.NotConfiguredMessage) }),
            configureServices: services => services.ConfigureDbContext<HubDbContext>(o => o.AddInterceptors(probe.Interceptors)));

    protected override Task PoisonAsync(HubDbContext db, string orderNumber)
    {
        // DDL takes no parameters; the order number is the test's own (letters and digits).
        var constraint = $"ALTER TABLE orders ADD CONSTRAINT \"poison_{orderNumber}\" CHECK (\"OrderNumber\" <> '{orderNumber}')";
        return db.Database.ExecuteSqlRawAsync(constraint);
    }

    // xmin is the id of the transaction that inserted the row (the order row is never updated after its insert).
    protected override async Task<int?> TransactionsThatWroteAsync(HubDbContext db, IReadOnlyList<string> orderNumbers)
    {
        var numbers = orderNumbers.ToArray();
        return await db.Database
            .SqlQuery<int>($"SELECT count(DISTINCT xmin::text)::int AS \"Value\" FROM orders WHERE \"OrderNumber\" = ANY({numbers})")
            .SingleAsync();
    }
}
