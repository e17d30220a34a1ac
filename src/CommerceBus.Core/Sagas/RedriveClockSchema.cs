using CommerceBus.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas;

/// <summary>
/// Brings a database made before the saga's re-drive clock up to date: the <c>RedriveCount</c> and
/// <c>NextRedriveAt</c> columns of <c>order_sagas</c>, the index behind the stalled-order sweep, the index on
/// <c>failed_messages.TrackingId</c>, and a clock due now for every saga that owes something.
/// </summary>
internal static class RedriveClockSchema
{
    private static readonly string[] Indexes = ["\"IX_order_sagas_NextRedriveAt\"", "\"IX_failed_messages_TrackingId\""];

    public static async Task UpgradeAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        if (!await HasColumnAsync(db, nameof(OrderSagaRecord.NextRedriveAt), cancellationToken))
        {
            var saga = db.Model.FindEntityType(typeof(OrderSagaRecord))!;
            var count = saga.FindProperty(nameof(OrderSagaRecord.RedriveCount))!.GetColumnType();
            var next = saga.FindProperty(nameof(OrderSagaRecord.NextRedriveAt))!.GetColumnType();
            // The column types are the model's own (no user input): INTEGER/TEXT on SQLite, integer/timestamptz on PostgreSQL.
            var addCount = "ALTER TABLE \"order_sagas\" ADD COLUMN \"RedriveCount\" " + count + " NOT NULL DEFAULT 0";
            var addNext = "ALTER TABLE \"order_sagas\" ADD COLUMN \"NextRedriveAt\" " + next + " NULL";
            await db.Database.ExecuteSqlRawAsync(addCount, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(addNext, cancellationToken);

            // Before the clock, every saga that owed something was re-driven once stalled: its clock is due now (the
            // time of its last change is in the past). A completed saga owes nothing and gets no clock.
            await db.OrderSagas.Where(OrderSagaRecord.OwesWork)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRedriveAt, s => s.UpdatedAt), cancellationToken);
        }

        var statements = db.Database.GenerateCreateScript()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(statement => Indexes.Any(index => statement.Contains(index, StringComparison.Ordinal)));
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal), cancellationToken);
        }
    }

    private static async Task<bool> HasColumnAsync(HubDbContext db, string column, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM pragma_table_info('order_sagas') WHERE name = {0}"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'order_sagas' AND column_name = {0}";
        return await db.Database.SqlQueryRaw<int>(sql, column).SingleAsync(cancellationToken) > 0;
    }
}
