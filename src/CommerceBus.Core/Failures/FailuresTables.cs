using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Failures;

/// <summary>The failed-message store's table on the hub context.</summary>
public static class FailuresTables
{
    extension(HubDbContext db)
    {
        public DbSet<FailedMessageRecord> FailedMessages => db.Set<FailedMessageRecord>();
    }
}
