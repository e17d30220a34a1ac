using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Orders;

/// <summary>The order read model's part of the hub database.</summary>
public sealed class OrdersModel : IHubModelContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderRecordConfiguration());
        modelBuilder.ApplyConfiguration(new OrderLineRecordConfiguration());
    }
}
