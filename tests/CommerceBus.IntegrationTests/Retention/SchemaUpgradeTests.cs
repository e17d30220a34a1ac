using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using CommerceBus.IntegrationTests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using CommerceBus.Core.Failures;

namespace CommerceBus.IntegrationTests.Retention;

/// <summary>
/// A database of release 3fc6b1e, made before the failed-message kind and the retention and sweep indexes, gets them
/// from the migration <c>FailureKindsRedriveClockAndIndexes</c> at the next start, and keeps its rows.
/// </summary>
public sealed class SchemaUpgradeTests
{
    private static readonly string[] AddedIndexes =
        ["IX_inbox_AcceptedAt", "IX_orders_CreatedAt", "IX_order_sagas_CreatedAt", "IX_failed_messages_ResolvedAt", "IX_order_sagas_NextRedriveAt", "IX_failed_messages_TrackingId"];

    [Fact]
    public async Task A_database_without_the_kind_column_and_the_retention_indexes_gets_them_at_start()
    {
        await using var storage = HubStorage.Sqlite();
        await UpgradeAsync(storage, "'2026-01-01 00:00:00'", "SELECT name FROM sqlite_master WHERE type = 'index'");
    }

    [PostgresFact]
    public async Task A_PostgreSQL_database_without_the_kind_column_and_the_retention_indexes_gets_them_at_start()
    {
        await using var storage = await HubStorage.PostgreSqlAsync("upgrade");
        await UpgradeAsync(storage, "now()", "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    }

    private static async Task UpgradeAsync(HubStorage storage, string now, string indexQuery)
    {
        await Release3fc6b1e.CreateAsync(storage);
        await storage.ExecuteAsync($"""
            INSERT INTO failed_messages ("MessageId", "MessageType", "Reason", "Attempts", "FailedAt", "Status")
            VALUES ('6f0c1f7e-9a4c-4a51-a4d4-2f1a0e3c0b11', 'CapturePayment.v1', 'old row', 1, {now}, 'Failed')
            """);
        Assert.DoesNotContain("IX_inbox_AcceptedAt", await storage.QueryAsync(indexQuery));

        await using var hub = await TestHub.StartAsync(storage.Settings(), dataDirectory: storage.DataDirectory);
        await using (var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            var row = await db.FailedMessages.SingleAsync();
            Assert.Null(row.Kind);
            Assert.Equal(FailedMessageKind.Delivery, FailedMessageKind.Of(row));
        }

        Assert.Subset(new HashSet<string>(await storage.QueryAsync(indexQuery)), new HashSet<string>(AddedIndexes));
    }
}
