namespace CommerceBus.Core.Retention;

/// <summary>What one retention run deleted, per table, and whether it stopped because its budget was spent.</summary>
public sealed record RetentionRun(IReadOnlyDictionary<string, int> Deleted, bool BudgetSpent)
{
    public int Total => Deleted.Values.Sum();
}
