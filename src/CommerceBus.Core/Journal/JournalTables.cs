using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Journal;

/// <summary>The journal's and the inbox's tables on the hub context.</summary>
public static class JournalTables
{
    extension(HubDbContext db)
    {
        public DbSet<JournalEntry> Journal => db.Set<JournalEntry>();

        public DbSet<InboxEntry> Inbox => db.Set<InboxEntry>();
    }
}
