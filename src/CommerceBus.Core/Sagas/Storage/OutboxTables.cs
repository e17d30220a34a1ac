using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>The saga outbox's table on the hub context.</summary>
public static class OutboxTables
{
    extension(HubDbContext db)
    {
        public DbSet<OutboxMessageRecord> OutboxMessages => db.Set<OutboxMessageRecord>();
    }
}
