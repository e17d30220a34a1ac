using CommerceBus.Persistence;

namespace CommerceBus.Core.Retention;

/// <summary>
/// A module's table that the retention sweep keeps short (the order business: ended sagas with their orders), registered
/// as a singleton. The sweep deletes it in batches after the journal and the inbox, within the same run budget.
/// </summary>
public interface IRetainedTable
{
    /// <summary>The table a batch is chosen from; a run's counts name it.</summary>
    string Name { get; }

    /// <summary>Tables deleted along with it (counted under their own names), such as an order's rows with its saga.</summary>
    IReadOnlyList<string> AlsoDeletes { get; }

    /// <summary>How long its rows are kept, from the retention options; zero or less keeps them for ever.</summary>
    TimeSpan RetentionOf(RetentionOptions options);

    /// <summary>
    /// Deletes one batch of at most <paramref name="batchSize"/> rows older than <paramref name="cutoff"/>: returns how many
    /// it chose (a short batch ends the table for this run) and adds what it deleted, per table, to <paramref name="deleted"/>.
    /// </summary>
    Task<int> DeleteBatchAsync(HubDbContext db, DateTime cutoff, int batchSize, IDictionary<string, int> deleted, CancellationToken cancellationToken);
}
