namespace CommerceBus.Core.Failures;

/// <summary>The life of a failed message: it waits as Failed until an operator retries it or discards it, once.</summary>
public static class FailedMessageStatus
{
    public const string Failed = "Failed";
    public const string Retried = "Retried";
    public const string Discarded = "Discarded";

    public static readonly IReadOnlyList<string> All = [Failed, Retried, Discarded];
}
