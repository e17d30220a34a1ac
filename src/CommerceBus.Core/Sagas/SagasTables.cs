using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas;

/// <summary>The order fulfillment sagas' table on the hub context.</summary>
public static class SagasTables
{
    extension(HubDbContext db)
    {
        public DbSet<OrderSagaRecord> OrderSagas => db.Set<OrderSagaRecord>();
    }
}
