using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Fulfillment.Orders;

/// <summary>The <c>order_lines</c> table: an order's lines.</summary>
public sealed class OrderLineRecordConfiguration : IEntityTypeConfiguration<OrderLineRecord>
{
    public void Configure(EntityTypeBuilder<OrderLineRecord> builder)
    {
        builder.ToTable("order_lines");
        builder.Property(l => l.UnitPrice).HasPrecision(12, 2);
    }
}
