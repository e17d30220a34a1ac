using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Journal;

/// <summary>Writes journal entries for work that is not part of an inbound commit (deliveries, saga steps).</summary>
public sealed class JournalWriter(IDbContextFactory<HubDbContext> contexts)
{
    public async Task RecordAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Journal.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }
}
