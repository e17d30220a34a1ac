using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Journal;

/// <summary>
/// The one way journal entries (built by <see cref="JournalEntryFactory"/>) reach the database: on their own
/// (<see cref="RecordAsync"/>: deliveries, skipped steps, operator actions), or staged in a unit of work that commits
/// them with the change they describe (<see cref="Stage"/>: an accepted command, a saga step).
/// </summary>
public sealed class JournalWriter(IDbContextFactory<HubDbContext> contexts, GroupCommitter committer)
{
    /// <summary>Adds <paramref name="entry"/> to <paramref name="db"/>'s unit of work; the caller's commit writes it.</summary>
    public static void Stage(HubDbContext db, JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Journal.Add(entry);
    }

    /// <summary>
    /// Commits <paramref name="entry"/> without a change of its own to go with (a delivery's outcome, an operator's
    /// action), in a transaction it may share with the intake's commits (<see cref="GroupCommitter"/>); returns once it
    /// is on disk.
    /// </summary>
    public async Task RecordAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            // No context of its own: the entry is staged on the committing transaction's context, and the entries of one
            // batch are saved together (one batched insert on the shared connection, not one unit of work each).
            await committer.AddAsync(db => Stage(db, entry), cancellationToken);
        }
        catch (GroupCommitFailedException)
        {
            // The shared transaction was rolled back (perhaps for another's fault): write the entry alone. Its insert
            // there had given it a key the rollback took back; a new insert takes a new one.
            entry.Id = 0;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            Stage(db, entry);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
