using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Fulfillment.Orders;

/// <summary>The <c>order_sagas</c> table: the order fulfillment sagas, each the one place of its order's state.</summary>
public sealed class OrderSagaRecordConfiguration : IEntityTypeConfiguration<OrderSagaRecord>
{
    public void Configure(EntityTypeBuilder<OrderSagaRecord> builder)
    {
        builder.ToTable("order_sagas");
        builder.HasKey(s => s.CorrelationId);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.CurrentState).HasMaxLength(40);
        builder.Property(s => s.OrderNumber).HasMaxLength(12);
        builder.Property(s => s.WaitingFor).HasMaxLength(40);
        builder.HasIndex(s => s.OrderNumber);
        builder.HasIndex(s => s.CurrentState);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.HasIndex(s => s.Status);

        // The stalled-order sweep reads the sagas whose re-drive is due; a saga that owes nothing has no value here.
        builder.HasIndex(s => s.NextRedriveAt);
        builder.HasIndex(s => s.CreatedAt);

        // The step deadline sweep reads the sagas whose step timeout is due, and the earliest one pending.
        builder.HasIndex(s => s.StepTimeoutDueAt);
    }
}
