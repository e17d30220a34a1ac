namespace CommerceBus.Core.Retention;

/// <summary>
/// How long the hub keeps what it no longer needs (configuration <c>CommerceBus:Retention</c>). A retention of
/// <c>00:00:00</c> keeps that table's rows for ever.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The shortest inbox retention the hub accepts: how long a client may re-send a message id and still get the first answer.</summary>
    public static readonly TimeSpan MinimumInbox = TimeSpan.FromDays(7);

    /// <summary>Journal entries older than this (by <c>ReceivedAt</c>) are deleted.</summary>
    public TimeSpan Journal { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Inbox entries (client message ids) older than this (by <c>AcceptedAt</c>) are deleted; at least <see cref="MinimumInbox"/> and <see cref="FinishedOrders"/>.</summary>
    public TimeSpan Inbox { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Completed, failed and cancelled orders (with their lines) and their sagas, created and last changed longer ago than this, are deleted.</summary>
    public TimeSpan FinishedOrders { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Failed messages an operator retried or discarded longer ago than this are deleted; a <c>Failed</c> one is never deleted.</summary>
    public TimeSpan ResolvedFailedMessages { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Records of the periodic duties' runs (<c>duty_runs</c>) older than this (by <c>started_at</c>) are deleted.</summary>
    public TimeSpan DutyRuns { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long Hangfire keeps a finished (succeeded or deleted) job; the in-memory scheduler keeps one at most 3 hours.</summary>
    public TimeSpan FinishedJobs { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the retention run starts.</summary>
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement: bounds each statement's locks and transaction size.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long one run may keep deleting; what is left waits for the next run.</summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromSeconds(30);
}
