using CommerceBus.Core.Hosting;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Retention;

/// <summary>
/// Refuses retention settings that would forget a client's message id while the client may still re-send it, or
/// sooner than the order it made (the order number would then be the only guard against a re-sent message).
/// </summary>
internal sealed class RetentionStartupCheck(IOptions<RetentionOptions> options) : StartupCheck
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        var problems = Problems(options.Value).ToList();
        return problems.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException("The retention settings are invalid: " + string.Join(" ", problems));
    }

    internal static IEnumerable<string> Problems(RetentionOptions o)
    {
        foreach (var (name, value) in new[]
        {
            ("Journal", o.Journal), ("Inbox", o.Inbox), ("FinishedOrders", o.FinishedOrders),
            ("ResolvedFailedMessages", o.ResolvedFailedMessages), ("FinishedJobs", o.FinishedJobs), ("DutyRuns", o.DutyRuns),
        })
        {
            if (value < TimeSpan.Zero)
            {
                yield return $"CommerceBus:Retention:{name} is {value}; it must be positive, or 00:00:00 to keep for ever.";
            }
        }

        if (o.FinishedJobs == TimeSpan.Zero)
        {
            yield return "CommerceBus:Retention:FinishedJobs must be positive: Hangfire cannot keep finished jobs for ever.";
        }

        var keepsInboxForever = o.Inbox == TimeSpan.Zero;
        if (!keepsInboxForever && o.Inbox < RetentionOptions.MinimumInbox)
        {
            yield return $"CommerceBus:Retention:Inbox is {o.Inbox}; a client may re-send a message for {RetentionOptions.MinimumInbox.TotalDays} days, so the inbox must keep its ids at least that long.";
        }

        if (!keepsInboxForever && (o.FinishedOrders == TimeSpan.Zero || o.Inbox < o.FinishedOrders))
        {
            yield return $"CommerceBus:Retention:Inbox ({o.Inbox}) is shorter than CommerceBus:Retention:FinishedOrders ({(o.FinishedOrders == TimeSpan.Zero ? "for ever" : o.FinishedOrders)}); a message id must be kept at least as long as the order it made.";
        }

        if (o.RunEvery <= TimeSpan.Zero || o.RunBudget <= TimeSpan.Zero)
        {
            yield return "CommerceBus:Retention:RunEvery and RunBudget must be positive.";
        }

        if (o.BatchSize is < 1 or > 100_000)
        {
            yield return $"CommerceBus:Retention:BatchSize is {o.BatchSize}; it must be 1 to 100000.";
        }
    }
}
