namespace CommerceBus.Adapters.OData.Querying;

/// <summary>
/// The properties each entity set may be sorted by (<c>$orderby</c>): keys, times, states, codes and amounts. Never
/// personal data (sorting by a name or a street reveals it to a caller who may not read it, one comparison at a time)
/// nor free text (reasons, details, bodies: long values no index serves, sorted for every page).
/// </summary>
internal static class SortableProperties
{
    public static readonly IReadOnlySet<string> Orders =
        Set("OrderNumber", "TrackingId", "CreatedAt", "UpdatedAt", "Status", "Region", "Currency", "Total", "SourceAdapter");

    public static readonly IReadOnlySet<string> Messages =
        Set("Id", "ReceivedAt", "CompletedAt", "DurationMs", "OrderNumber", "CorrelationId", "MessageId", "ClientId", "MessageType", "Direction", "Outcome", "SourceAdapter");

    public static readonly IReadOnlySet<string> Sagas =
        Set("TrackingId", "OrderNumber", "CurrentState", "CreatedAt", "UpdatedAt", "StepDeadline", "Version");

    public static readonly IReadOnlySet<string> FailedMessages =
        Set("Id", "FailedAt", "ResolvedAt", "Status", "Kind", "Endpoint", "MessageType", "ExceptionType", "CorrelationId", "OrderNumber", "TrackingId", "Attempts");

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
