using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Core.Orders;

/// <summary>The <c>orders</c> table: the order read model.</summary>
public sealed class OrderRecordConfiguration : IEntityTypeConfiguration<OrderRecord>
{
    public void Configure(EntityTypeBuilder<OrderRecord> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.OrderNumber);
        builder.Property(o => o.OrderNumber).HasMaxLength(12);
        builder.HasIndex(o => o.TrackingId).IsUnique();
        builder.HasIndex(o => o.Status);
        builder.HasIndex(o => o.CreatedAt);
        builder.Property(o => o.Status).HasMaxLength(20);
        builder.Property(o => o.Total).HasPrecision(18, 2);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderNumber).OnDelete(DeleteBehavior.Cascade);
    }
}
