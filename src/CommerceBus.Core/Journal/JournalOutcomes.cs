namespace CommerceBus.Core.Journal;

/// <summary>The outcome words the journal uses, so queries can filter on them.</summary>
public static class JournalOutcomes
{
    public const string Accepted = "Accepted";
    public const string Duplicate = "Duplicate";
    public const string Rejected = "Rejected";
    public const string Conflict = "Conflict";
    public const string NotFound = "NotFound";
    public const string Unavailable = "Unavailable";
    public const string Delivered = "Delivered";
    public const string Skipped = "Skipped";
    public const string Failed = "Failed";

    /// <summary>
    /// A delivery round to an endpoint failed and its command waits in the scheduler for a delayed redelivery; the
    /// next entry of that endpoint (an attempt) says it came back. The stalled-order re-drive leaves a step alone while
    /// this is the newest entry of its chain.
    /// </summary>
    public const string Redelivering = "Redelivering";
    public const string Handled = "Handled";

    // Operator actions on the failed-message store (the audit trail of /api/failed-messages).
    public const string Retried = "Retried";
    public const string EditedAndRetried = "EditedAndRetried";
    public const string Discarded = "Discarded";
}
