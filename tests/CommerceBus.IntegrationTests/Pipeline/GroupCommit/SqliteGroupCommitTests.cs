using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>Group commit on the embedded default, a SQLite file (one writer: the batches are its only way to share fsyncs).</summary>
public sealed class SqliteGroupCommitTests : GroupCommitTests
{
    [Fact]
    public Task Concurrent_orders_share_one_commit_and_each_is_answered_only_after_it_on_SQLite() =>
        Concurrent_orders_share_one_commit_and_each_is_answered_only_after_it();

    [Fact]
    public Task Order_the_database_refuses_is_refused_alone_and_the_rest_of_its_batch_is_accepted_on_SQLite() =>
        Order_the_database_refuses_is_refused_alone_and_the_rest_of_its_batch_is_accepted();

    [Fact]
    public Task Two_copies_of_one_message_in_one_batch_are_accepted_once_and_the_other_is_a_duplicate_on_SQLite() =>
        Two_copies_of_one_message_in_one_batch_are_accepted_once_and_the_other_is_a_duplicate();

    protected override Task<TestHub> StartHubAsync(CommitProbe probe) =>
        TestHub.StartAsync(Settings(), configureServices: services => services.ConfigureDbContext<HubDbContext>(o => o.AddInterceptors(probe.Interceptors)));

    protected override Task PoisonAsync(HubDbContext db, string orderNumber)
    {
        // DDL takes no parameters; the order number is the test's own (letters and digits).
        var trigger = $"CREATE TRIGGER poison_{orderNumber} BEFORE INSERT ON orders WHEN NEW.\"OrderNumber\" = '{orderNumber}' BEGIN SELECT RAISE(ABORT, 'poisoned order'); END;";
        return db.Database.ExecuteSqlRawAsync(trigger);
    }
}
