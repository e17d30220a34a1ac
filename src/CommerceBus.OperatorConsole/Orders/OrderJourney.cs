namespace CommerceBus.OperatorConsole.Orders;

/// <summary>An order as the timeline shows it: its saga's state now, and every step of its journey so far.</summary>
public sealed record OrderJourney(
    string OrderNumber,
    Guid TrackingId,
    string? CorrelationId,
    string Status,
    string State,
    string? WaitingFor,
    DateTime? StepDeadline,
    string? Reason,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    bool CanCancel,
    IReadOnlyList<TimelineStep> Steps);
