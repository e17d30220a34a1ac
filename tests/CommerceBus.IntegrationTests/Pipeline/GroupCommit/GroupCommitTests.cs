using CommerceBus.Abstractions.Inbound;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>
/// Group commit on the intake, on a real database: orders submitted at the same time share one transaction and one
/// commit, each is answered only after that commit, and a shared transaction that fails is redone order by order so one
/// bad order is refused alone. Each test first holds one order's commit (<see cref="CommitProbe"/>), so the orders
/// submitted meanwhile provably queue up behind it and form the next batch.
/// </summary>
public abstract class GroupCommitTests
{
    private const int Batch = 10;

    /// <summary>Starts the real hub on this provider's database with the probe's interceptors and <see cref="Settings"/>.</summary>
    protected abstract Task<TestHub> StartHubAsync(CommitProbe probe);

    /// <summary>Makes the database itself refuse to store <paramref name="orderNumber"/> (a trigger or a check constraint).</summary>
    protected abstract Task PoisonAsync(HubDbContext db, string orderNumber);

    /// <summary>
    /// How many distinct transactions wrote the rows of <paramref name="orderNumbers"/>, as the database itself records it;
    /// null where the database does not tell (SQLite).
    /// </summary>
    protected virtual Task<int?> TransactionsThatWroteAsync(HubDbContext db, IReadOnlyList<string> orderNumbers) => Task.FromResult<int?>(null);

    /// <summary>
    /// The hub's settings for these tests: a held commit waits for the test, so the shared transaction's deadline
    /// (30 s by default) must not end it first on a loaded machine.
    /// </summary>
    protected static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Storage:GroupCommit:CommitTimeout"] = (CommitProbe.HoldLimit * 2).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    protected async Task Concurrent_orders_share_one_commit_and_each_is_answered_only_after_it()
    {
        var probe = new CommitProbe();
        await using var hub = await StartHubAsync(probe);
        var (first, answers) = await QueueBehindOneHeldCommitAsync(hub, probe, Enumerable.Range(0, Batch).Select(_ => Message(Orders.Valid())).ToList());
        probe.ReleaseOne();

        // The queued orders reached their commit together, and none was answered before it. (The first order is not
        // awaited yet: its answer also waits for its delivery's journal entry, which queues behind this commit.)
        Assert.Equal(Batch, await probe.NextHeldAsync());
        Assert.All(answers, a => Assert.False(a.IsCompleted, "an order was answered before the commit of its transaction"));
        probe.ReleaseOne(andStop: true);

        Assert.True((await first).IsAccepted);
        var results = await Task.WhenAll(answers);
        Assert.All(results, r => Assert.Equal(InboundOutcome.Accepted, r.Outcome));
        Assert.Equal([1, Batch], probe.CommittedOrders);
        foreach (var result in results)
        {
            Assert.NotNull(await hub.Gateway.GetStatusAsync(OrderFamily.Name, result.OrderNumber!, CancellationToken.None));
        }

        // Where the database records which transaction wrote a row, it agrees: the ten orders are one transaction's.
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        if (await TransactionsThatWroteAsync(db, [.. results.Select(r => r.OrderNumber!)]) is { } transactions)
        {
            Assert.Equal(1, transactions);
        }
    }

    protected async Task Order_the_database_refuses_is_refused_alone_and_the_rest_of_its_batch_is_accepted()
    {
        var probe = new CommitProbe();
        await using var hub = await StartHubAsync(probe);
        var poisoned = Orders.Valid();
        await using (var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            await PoisonAsync(db, poisoned.OrderNumber!);
        }

        var messages = Enumerable.Range(0, Batch - 1).Select(_ => Message(Orders.Valid())).ToList();
        messages.Insert(Batch / 2, Message(poisoned));
        var (first, answers) = await QueueBehindOneHeldCommitAsync(hub, probe, messages);
        probe.ReleaseOne(andStop: true);
        Assert.True((await first).IsAccepted);

        var results = await Task.WhenAll(answers);
        var refused = Assert.Single(results, r => r.OrderNumber == poisoned.OrderNumber);
        Assert.False(refused.IsAccepted, $"the poisoned order was answered {refused.Outcome}");
        Assert.All(results.Where(r => r != refused), r => Assert.Equal(InboundOutcome.Accepted, r.Outcome));
        Assert.Null(await hub.Gateway.GetStatusAsync(OrderFamily.Name, poisoned.OrderNumber!, CancellationToken.None));

        // The shared transaction failed and was rolled back; its orders were then committed one by one.
        Assert.NotEmpty(probe.RolledBackOrders);
        Assert.Equal(Batch, probe.CommittedOrders.Sum());
        Assert.All(probe.CommittedOrders, n => Assert.Equal(1, n));
    }

    protected async Task Two_copies_of_one_message_in_one_batch_are_accepted_once_and_the_other_is_a_duplicate()
    {
        var probe = new CommitProbe();
        await using var hub = await StartHubAsync(probe);
        var messageId = Guid.NewGuid();
        var copyA = Message(Orders.Valid(), messageId);
        var copyB = Message(Orders.Valid(), messageId);
        var others = Enumerable.Range(0, 3).Select(_ => Message(Orders.Valid())).ToList();
        var (first, answers) = await QueueBehindOneHeldCommitAsync(hub, probe, [copyA, .. others, copyB]);
        probe.ReleaseOne(andStop: true);
        Assert.True((await first).IsAccepted);

        var results = await Task.WhenAll(answers);
        var copies = new[] { results[0], results[^1] };
        var accepted = Assert.Single(copies, r => r.Outcome == InboundOutcome.Accepted);
        var duplicate = Assert.Single(copies, r => r.Outcome == InboundOutcome.Duplicate);
        Assert.Equal(accepted.TrackingId, duplicate.TrackingId);
        Assert.All(results[1..^1], r => Assert.Equal(InboundOutcome.Accepted, r.Outcome));
        var stored = 0;
        foreach (var copy in new[] { copyA, copyB })
        {
            stored += await hub.Gateway.GetStatusAsync(OrderFamily.Name, ((PlaceOrder)copy.Command).OrderNumber!, CancellationToken.None) is null ? 0 : 1;
        }

        Assert.Equal(1, stored);
    }

    /// <summary>
    /// Submits one order and holds its commit, then submits <paramref name="messages"/>, which wait in the committer's
    /// queue behind it (on pool threads: SQLite's async calls complete synchronously). The held commit is still held.
    /// </summary>
    private static async Task<(Task<InboundResult> First, List<Task<InboundResult>> Answers)> QueueBehindOneHeldCommitAsync(
        TestHub hub, CommitProbe probe, IReadOnlyList<InboundMessage> messages)
    {
        var committer = hub.Services.GetRequiredService<GroupCommitter>();
        probe.Hold();
        var first = Submit(hub, Message(Orders.Valid()));
        Assert.Equal(1, await probe.NextHeldAsync());
        var answers = messages.Select(m => Submit(hub, m)).ToList();
        await Eventually.MatchAsync(
            () => Task.FromResult(committer.Waiting),
            waiting => waiting == messages.Count,
            $"the {messages.Count} orders to wait in the committer's queue behind the held commit (if they were answered instead, they were not queued)",
            CommitProbe.HoldLimit);
        Assert.False(first.IsCompleted, "the first order was answered before its commit");
        return (first, answers);
    }

    private static Task<InboundResult> Submit(TestHub hub, InboundMessage message) =>
        Task.Run(() => hub.Gateway.SubmitAsync(message, CancellationToken.None));

    private static InboundMessage Message(PlaceOrder order, Guid? messageId = null) => new()
    {
        Command = order,
        SourceAdapter = "tests",
        MessageId = messageId,
    };
}
