namespace CommerceBus.OperatorConsole.Overview;

/// <summary>An order whose status changed lately.</summary>
public sealed record RecentOrder(string OrderNumber, string Status, string State, DateTime ChangedAt, string? Reason);
