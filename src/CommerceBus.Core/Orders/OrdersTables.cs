using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Orders;

/// <summary>The order read model's tables on the hub context.</summary>
public static class OrdersTables
{
    extension(HubDbContext db)
    {
        public DbSet<OrderRecord> Orders => db.Set<OrderRecord>();

        public DbSet<OrderLineRecord> OrderLines => db.Set<OrderLineRecord>();
    }
}
