using System.Threading.Channels;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore.Storage;
using Xunit;

namespace CommerceBus.UnitTests.Persistence.GroupCommit;

/// <summary>
/// How the group committer forms a batch from its queue and answers the callers of a batch: the parts of it that need
/// no database.
/// </summary>
public sealed class CommitBatchTests
{
    [Fact]
    public void A_batch_takes_what_is_queued_now_up_to_the_maximum_and_leaves_the_rest_for_the_next()
    {
        var queue = Channel.CreateUnbounded<PendingCommit>();
        var units = Enumerable.Range(0, 5).Select(_ => Unit()).ToList();
        units.ForEach(u => queue.Writer.TryWrite(u));

        var first = CommitBatch.Take(queue.Reader, maxSize: 3);
        var second = CommitBatch.Take(queue.Reader, maxSize: 3);
        var third = CommitBatch.Take(queue.Reader, maxSize: 3);

        Assert.Equal(units.Take(3), first.Items);
        Assert.Equal(units.Skip(3), second.Items);
        Assert.Equal(0, third.Count);
    }

    [Fact]
    public void A_lone_unit_is_a_batch_of_one_at_once()
    {
        var queue = Channel.CreateUnbounded<PendingCommit>();
        var unit = Unit();
        queue.Writer.TryWrite(unit);

        var batch = CommitBatch.Take(queue.Reader, maxSize: 64);

        Assert.Same(unit, Assert.Single(batch.Items));
    }

    [Fact]
    public void A_unit_withdrawn_by_its_caller_is_skipped_and_its_caller_sees_the_cancellation()
    {
        var queue = Channel.CreateUnbounded<PendingCommit>();
        var withdrawn = Unit();
        var kept = Unit();
        queue.Writer.TryWrite(withdrawn);
        queue.Writer.TryWrite(kept);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(withdrawn.TryWithdraw(cancelled.Token));
        var batch = CommitBatch.Take(queue.Reader, maxSize: 64);

        Assert.Same(kept, Assert.Single(batch.Items));
        Assert.True(withdrawn.Answer.IsCanceled);
    }

    [Fact]
    public void A_unit_taken_into_a_batch_can_no_longer_be_withdrawn_and_waits_for_the_batch()
    {
        var queue = Channel.CreateUnbounded<PendingCommit>();
        var unit = Unit();
        queue.Writer.TryWrite(unit);
        var batch = CommitBatch.Take(queue.Reader, maxSize: 64);

        Assert.False(unit.TryWithdraw(CancellationToken.None));
        Assert.False(unit.Answer.IsCompleted);
        batch.Answer(null);
        Assert.True(unit.Answer.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_committed_batch_answers_every_caller_committed()
    {
        var batch = BatchOf(3);

        batch.Answer(null);

        Assert.All(batch.Items, u => Assert.True(u.Answer.IsCompletedSuccessfully));
    }

    [Fact]
    public void A_failed_batch_of_several_tells_every_caller_to_commit_again_alone_with_the_cause()
    {
        var batch = BatchOf(3);
        var cause = new InvalidOperationException("unique key violated by one of them");

        batch.Answer(cause);

        Assert.All(batch.Items, u =>
        {
            var failed = Assert.IsType<GroupCommitFailedException>(u.Answer.Exception!.InnerException);
            Assert.Equal(3, failed.BatchSize);
            Assert.Same(cause, failed.InnerException);
        });
    }

    [Fact]
    public void A_failed_lone_unit_gets_its_own_failure_as_its_own_SaveChanges_would_throw_it()
    {
        var batch = BatchOf(1);
        var cause = new InvalidOperationException("its own failure");

        batch.Answer(cause);

        Assert.Same(cause, Assert.Single(batch.Items).Answer.Exception!.InnerException);
    }

    [Fact]
    public void A_shared_transaction_the_database_did_not_answer_tells_every_caller_so_instead_of_committing_each_alone()
    {
        var batch = BatchOf(3);
        var cause = new RetryLimitExceededException("the database was away for all six retries");

        batch.Answer(cause);

        Assert.All(batch.Items, u =>
        {
            var refused = Assert.IsType<TimeoutException>(u.Answer.Exception!.InnerException);
            Assert.Same(cause, refused.InnerException);
        });
    }

    [Fact]
    public void Units_refused_because_the_database_did_not_answer_each_get_a_timeout_with_the_cause()
    {
        var waiting = BatchOf(2);
        var cause = new TimeoutException("the commit before them did not finish within CommitTimeout");

        waiting.Refuse(cause);

        Assert.All(waiting.Items, u => Assert.Same(cause, Assert.IsType<TimeoutException>(u.Answer.Exception!.InnerException).InnerException));
        Assert.True(CommitBatch.IsUnavailable(cause));
        Assert.False(CommitBatch.IsUnavailable(new InvalidOperationException("a unique key violated")));
    }

    [Theory]
    [InlineData(0, 10, "MaxBatchSize")]
    [InlineData(8, 4, "QueueCapacity")]
    public void Options_that_cannot_work_are_named(int maxBatchSize, int queueCapacity, string named)
    {
        var options = new GroupCommitOptions { MaxBatchSize = maxBatchSize, QueueCapacity = queueCapacity };

        Assert.Contains(named, options.Problem(), StringComparison.Ordinal);
        Assert.Null(new GroupCommitOptions().Problem());
    }

    private static PendingCommit Unit() => new((_, _) => Task.CompletedTask);

    private static CommitBatch BatchOf(int count)
    {
        var queue = Channel.CreateUnbounded<PendingCommit>();
        for (var i = 0; i < count; i++)
        {
            queue.Writer.TryWrite(Unit());
        }

        return CommitBatch.Take(queue.Reader, maxSize: 64);
    }
}
