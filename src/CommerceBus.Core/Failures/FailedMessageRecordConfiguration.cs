using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Core.Failures;

/// <summary>The <c>failed_messages</c> table: the failed-message store.</summary>
public sealed class FailedMessageRecordConfiguration : IEntityTypeConfiguration<FailedMessageRecord>
{
    public void Configure(EntityTypeBuilder<FailedMessageRecord> builder)
    {
        builder.ToTable("failed_messages");
        builder.HasIndex(f => f.CorrelationId);

        // The stalled-order sweep asks whether what a due saga owes was parked.
        builder.HasIndex(f => f.TrackingId);
        builder.HasIndex(f => f.FailedAt);
        builder.HasIndex(f => f.ResolvedAt);
        builder.Property(f => f.Kind).HasMaxLength(20);
        builder.HasIndex(f => new { f.Status, f.Endpoint, f.ExceptionType });
        builder.Property(f => f.Status).HasMaxLength(20);
    }
}
