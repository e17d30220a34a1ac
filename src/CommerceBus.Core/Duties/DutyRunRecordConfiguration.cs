using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommerceBus.Core.Duties;

/// <summary>
/// The <c>duty_runs</c> table. Its column names are lower case with underscores, unlike the hub's older tables: they
/// are read by hand and by the scale-out test (<c>SELECT duty, count(*) FROM duty_runs …</c>) without quoting.
/// </summary>
public sealed class DutyRunRecordConfiguration : IEntityTypeConfiguration<DutyRunRecord>
{
    public void Configure(EntityTypeBuilder<DutyRunRecord> builder)
    {
        builder.ToTable("duty_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.Duty).HasColumnName("duty").HasMaxLength(64);
        builder.Property(r => r.Instance).HasColumnName("instance").HasMaxLength(200);
        builder.Property(r => r.StartedAt).HasColumnName("started_at");
        builder.Property(r => r.FinishedAt).HasColumnName("finished_at");
        builder.Property(r => r.Items).HasColumnName("items");
        builder.Property(r => r.Outcome).HasColumnName("outcome").HasMaxLength(16);

        // Retention chooses old runs by it.
        builder.HasIndex(r => r.StartedAt);
    }
}
