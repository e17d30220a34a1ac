namespace CommerceBus.Core.Failures;

/// <summary>
/// Where a failed message failed, so one store can hold every kind of failure and an operator's retry knows how to send
/// it back. A row without a kind (stored before kinds existed) is a <see cref="Delivery"/>.
/// </summary>
public static class FailedMessageKind
{
    /// <summary>A routed command whose delivery to a business endpoint failed every retry (or a fault of the dispatcher).</summary>
    public const string Delivery = "Delivery";

    /// <summary>A message a hub queue's consumer (the saga, the scheduler) failed for good: what MassTransit would move to the queue's <c>_error</c> queue.</summary>
    public const string Error = "Error";

    /// <summary>A message no consumer of its queue takes: what MassTransit would move to the queue's <c>_skipped</c> queue.</summary>
    public const string Skipped = "Skipped";

    /// <summary>A Hangfire job of the scheduler that failed every retry.</summary>
    public const string SchedulerJob = "SchedulerJob";

    /// <summary>An intake message rejected after its retries.</summary>
    public const string Intake = "Intake";

    public static readonly IReadOnlyList<string> All = [Delivery, Error, Skipped, SchedulerJob, Intake];

    /// <summary>The kind of a stored row: <see cref="Delivery"/> when it has none.</summary>
    public static string Of(FailedMessageRecord record) => record.Kind ?? Delivery;
}
