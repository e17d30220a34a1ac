using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Core.Journal;

/// <summary>The <c>journal</c> table: every message in and out.</summary>
public sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("journal");
        builder.HasIndex(e => e.ClientId);
        builder.HasIndex(e => e.CorrelationId);
        builder.HasIndex(e => e.MessageId);
        builder.HasIndex(e => e.OrderNumber);
        builder.HasIndex(e => e.ReceivedAt);
        builder.Property(e => e.Direction).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.TraceId).HasMaxLength(32);
        builder.Property(e => e.ClientId).HasMaxLength(JournalEntryFactory.MaxIdentifierLength);
    }
}
