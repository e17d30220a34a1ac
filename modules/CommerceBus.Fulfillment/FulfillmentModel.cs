using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment;

/// <summary>
/// The order business's part of the hub database: the order's facts (<c>orders</c>, <c>order_lines</c>) and its saga row
/// (<c>order_sagas</c>, the one place of its state). <c>AddOrderFulfillment</c> contributes it to the hub's context.
/// </summary>
public sealed class FulfillmentModel : IHubModelContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderRecordConfiguration());
        modelBuilder.ApplyConfiguration(new OrderLineRecordConfiguration());
        modelBuilder.ApplyConfiguration(new OrderSagaRecordConfiguration());
    }
}
