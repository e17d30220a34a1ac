using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Fulfillment.Orders;

/// <summary>The <c>orders</c> table: an order's facts, written once at acceptance; its state is its saga row's.</summary>
public sealed class OrderRecordConfiguration : IEntityTypeConfiguration<OrderRecord>
{
    public void Configure(EntityTypeBuilder<OrderRecord> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.OrderNumber);
        builder.Property(o => o.OrderNumber).HasMaxLength(12);
        builder.HasIndex(o => o.TrackingId).IsUnique();
        builder.HasIndex(o => o.CreatedAt);
        builder.Property(o => o.Total).HasPrecision(18, 2);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderNumber).OnDelete(DeleteBehavior.Cascade);

        // The order's state is its saga's (one row per order, made with it); the order goes when its saga goes.
        builder.HasOne(o => o.Saga).WithOne().HasForeignKey<OrderRecord>(o => o.TrackingId).OnDelete(DeleteBehavior.Cascade);
    }
}
