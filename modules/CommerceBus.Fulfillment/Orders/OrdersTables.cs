using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment.Orders;

/// <summary>The order business's tables on the hub context.</summary>
public static class OrdersTables
{
    extension(HubDbContext db)
    {
        public DbSet<OrderRecord> Orders => db.Set<OrderRecord>();

        public DbSet<OrderLineRecord> OrderLines => db.Set<OrderLineRecord>();

        /// <summary>The order fulfillment sagas: each the one place of its order's state.</summary>
        public DbSet<OrderSagaRecord> OrderSagas => db.Set<OrderSagaRecord>();
    }
}
