using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Core.Journal;

/// <summary>The <c>inbox</c> table: the message ids the intake has accepted.</summary>
public sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> builder)
    {
        builder.ToTable("inbox");
        builder.HasKey(i => i.MessageId);
        builder.HasIndex(i => i.AcceptedAt);
    }
}
