using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Journal;

/// <summary>
/// The one way journal entries (built by <see cref="JournalEntryFactory"/>) reach the database: on their own
/// (<see cref="RecordAsync"/>: deliveries, skipped steps, operator actions), or staged in a unit of work that commits
/// them with the change they describe (<see cref="Stage"/>: an accepted command, a saga step).
/// </summary>
public sealed class JournalWriter(IDbContextFactory<HubDbContext> contexts)
{
    /// <summary>Adds <paramref name="entry"/> to <paramref name="db"/>'s unit of work; the caller's commit writes it.</summary>
    public static void Stage(HubDbContext db, JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Journal.Add(entry);
    }

    /// <summary>Commits <paramref name="entry"/> on its own.</summary>
    public async Task RecordAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Stage(db, entry);
        await db.SaveChangesAsync(cancellationToken);
    }
}
