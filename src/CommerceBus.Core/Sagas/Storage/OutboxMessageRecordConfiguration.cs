using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>The <c>outbox_messages</c> table: the saga outbox.</summary>
public sealed class OutboxMessageRecordConfiguration : IEntityTypeConfiguration<OutboxMessageRecord>
{
    public void Configure(EntityTypeBuilder<OutboxMessageRecord> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.MessageId);
        builder.HasIndex(m => m.CreatedAt);
        builder.Ignore(m => m.Staged);
        builder.Property(m => m.MessageType).HasMaxLength(200);

        // The tracking id is MassTransit's correlation id; the column kept its first name.
        builder.Property(m => m.TrackingId).HasColumnName("CorrelationId");
    }
}
