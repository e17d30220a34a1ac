using CommerceBus.Core.Journal;
using CommerceBus.Core.Orders;
using CommerceBus.Core.Sagas;
using CommerceBus.Core.Sagas.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Persistence;

/// <summary>The hub's own database: the order read model, the message journal, the order fulfillment sagas, their outbox and the failed messages.</summary>
public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : DbContext(options)
{
    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<OrderLineRecord> OrderLines => Set<OrderLineRecord>();

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<InboxEntry> Inbox => Set<InboxEntry>();

    public DbSet<OrderSagaRecord> OrderSagas => Set<OrderSagaRecord>();

    public DbSet<FailedMessageRecord> FailedMessages => Set<FailedMessageRecord>();

    public DbSet<OutboxMessageRecord> OutboxMessages => Set<OutboxMessageRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OrderRecord>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.OrderNumber);
            order.Property(o => o.OrderNumber).HasMaxLength(12);
            order.HasIndex(o => o.TrackingId).IsUnique();
            order.HasIndex(o => o.Status);
            order.HasIndex(o => o.CreatedAt);
            order.Property(o => o.Status).HasMaxLength(20);
            order.Property(o => o.Total).HasPrecision(18, 2);
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderNumber).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrderLineRecord>(line =>
        {
            line.ToTable("order_lines");
            line.Property(l => l.UnitPrice).HasPrecision(12, 2);
        });

        modelBuilder.Entity<InboxEntry>(inbox =>
        {
            inbox.ToTable("inbox");
            inbox.HasKey(i => i.MessageId);
            inbox.HasIndex(i => i.AcceptedAt);
        });

        modelBuilder.Entity<JournalEntry>(entry =>
        {
            entry.ToTable("journal");
            entry.HasIndex(e => e.CorrelationId);
            entry.HasIndex(e => e.MessageId);
            entry.HasIndex(e => e.OrderNumber);
            entry.HasIndex(e => e.ReceivedAt);
            entry.Property(e => e.Direction).HasConversion<string>().HasMaxLength(10);
            entry.Property(e => e.TraceId).HasMaxLength(32);
        });

        modelBuilder.Entity<OrderSagaRecord>(saga =>
        {
            saga.ToTable("order_sagas");
            saga.HasKey(s => s.CorrelationId);
            saga.Property(s => s.Version).IsConcurrencyToken();
            saga.Property(s => s.CurrentState).HasMaxLength(40);
            saga.Property(s => s.OrderNumber).HasMaxLength(12);
            saga.Property(s => s.WaitingFor).HasMaxLength(40);
            saga.HasIndex(s => s.OrderNumber);
            saga.HasIndex(s => s.CurrentState);

            // The stalled-order sweep reads the sagas whose re-drive is due; a saga that owes nothing has no value here.
            saga.HasIndex(s => s.NextRedriveAt);
            saga.HasIndex(s => s.CreatedAt);
        });

        modelBuilder.Entity<FailedMessageRecord>(failed =>
        {
            failed.ToTable("failed_messages");
            failed.HasIndex(f => f.CorrelationId);

            // The stalled-order sweep asks whether what a due saga owes was parked.
            failed.HasIndex(f => f.TrackingId);
            failed.HasIndex(f => f.FailedAt);
            failed.HasIndex(f => f.ResolvedAt);
            failed.Property(f => f.Kind).HasMaxLength(20);
            failed.HasIndex(f => new { f.Status, f.Endpoint, f.ExceptionType });
            failed.Property(f => f.Status).HasMaxLength(20);
        });

        modelBuilder.Entity<OutboxMessageRecord>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.MessageId);
            outbox.HasIndex(m => m.CreatedAt);
            outbox.Property(m => m.MessageType).HasMaxLength(200);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. SQLite hands DateTime back unspecified; PostgreSQL wants UTC for timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

        // SQLite has no decimal type and EF Core cannot compare or order decimals there, so a query on Total would fail
        // (or be evaluated in memory). Amounts are stored as REAL on SQLite only: a double reads back every two-decimal amount below 10^13 unchanged,
        // and is compared and ordered in SQL. PostgreSQL keeps numeric.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
    }
}
