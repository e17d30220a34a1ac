namespace CommerceBus.Operations;

/// <summary>How an operator action on a failed message ended; the API maps each kind to its HTTP answer.</summary>
public enum ReplayOutcomeKind
{
    Done,
    NotFound,
    Conflict,
    Invalid,
    Unavailable,
}

/// <summary>The result of retrying, editing or discarding one failed message.</summary>
public sealed record ReplayOutcome(ReplayOutcomeKind Kind, FailedMessageAction? Action = null, string? Detail = null, IDictionary<string, string[]>? Errors = null)
{
    public static ReplayOutcome Done(FailedMessageAction action) => new(ReplayOutcomeKind.Done, action);

    public static ReplayOutcome Conflict(string detail) => new(ReplayOutcomeKind.Conflict, Detail: detail);

    public static ReplayOutcome Invalid(string detail, IDictionary<string, string[]> errors) => new(ReplayOutcomeKind.Invalid, Detail: detail, Errors: errors);

    public static readonly ReplayOutcome NotFound = new(ReplayOutcomeKind.NotFound);
}
