using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Duties;

/// <summary>The periodic duties' table on the hub context.</summary>
public static class DutiesTables
{
    extension(HubDbContext db)
    {
        public DbSet<DutyRunRecord> DutyRuns => db.Set<DutyRunRecord>();
    }
}
