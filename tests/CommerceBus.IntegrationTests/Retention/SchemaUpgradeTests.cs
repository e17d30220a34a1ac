using CommerceBus.Core.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CommerceBus.IntegrationTests.Retention;

/// <summary>A database made before the failed-message kind and the retention indexes gets them at the next start, and keeps its rows.</summary>
public sealed class SchemaUpgradeTests
{
    [Fact]
    public async Task A_database_without_the_kind_column_and_the_retention_indexes_gets_them_at_start()
    {
        string dataDirectory;
        await using (var first = await TestHub.StartAsync())
        {
            dataDirectory = first.DataDirectory;
        }

        var file = Path.Combine(dataDirectory, "commercebus.db");
        await using (var old = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await old.OpenAsync();
            await ExecuteAsync(old, """
                DROP INDEX "IX_inbox_AcceptedAt";
                DROP INDEX "IX_orders_CreatedAt";
                DROP INDEX "IX_order_sagas_CreatedAt";
                DROP INDEX "IX_failed_messages_ResolvedAt";
                ALTER TABLE "failed_messages" DROP COLUMN "Kind";
                INSERT INTO "failed_messages" ("MessageId", "MessageType", "Reason", "Attempts", "FailedAt", "Status")
                VALUES ('6f0c1f7e-9a4c-4a51-a4d4-2f1a0e3c0b11', 'CapturePayment.v1', 'old row', 1, '2026-01-01 00:00:00', 'Failed');
                """);
        }

        await using var again = await TestHub.StartAsync(dataDirectory: dataDirectory);
        await using (var db = await again.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
        {
            var row = await db.FailedMessages.SingleAsync();
            Assert.Null(row.Kind);
            Assert.Equal(FailedMessageKind.Delivery, FailedMessageKind.Of(row));
        }

        await using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        await check.OpenAsync();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name";
        var indexes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        Assert.Contains("IX_inbox_AcceptedAt", indexes);
        Assert.Contains("IX_orders_CreatedAt", indexes);
        Assert.Contains("IX_order_sagas_CreatedAt", indexes);
        Assert.Contains("IX_failed_messages_ResolvedAt", indexes);
    }

    [PostgresFact]
    public async Task A_PostgreSQL_database_without_the_kind_column_and_the_retention_indexes_gets_them_at_start()
    {
        var database = await PostgresServer.CreateDatabaseAsync("upgrade");
        try
        {
            var settings = new Dictionary<string, string?> { ["CommerceBus:Storage:PostgreSql"] = database };
            await using (await TestHub.StartAsync(settings))
            {
            }

            await using (var old = new NpgsqlConnection(database))
            {
                await old.OpenAsync();
                await using var command = new NpgsqlCommand("""
                    DROP INDEX "IX_inbox_AcceptedAt";
                    DROP INDEX "IX_orders_CreatedAt";
                    DROP INDEX "IX_order_sagas_CreatedAt";
                    DROP INDEX "IX_failed_messages_ResolvedAt";
                    ALTER TABLE failed_messages DROP COLUMN "Kind";
                    INSERT INTO failed_messages ("MessageId", "MessageType", "Reason", "Attempts", "FailedAt", "Status")
                    VALUES ('6f0c1f7e-9a4c-4a51-a4d4-2f1a0e3c0b11', 'CapturePayment.v1', 'old row', 1, now(), 'Failed');
                    """, old);
                await command.ExecuteNonQueryAsync();
            }

            await using var again = await TestHub.StartAsync(settings);
            await using (var db = await again.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync())
            {
                Assert.Null((await db.FailedMessages.SingleAsync()).Kind);
            }

            await using var check = new NpgsqlConnection(database);
            await check.OpenAsync();
            await using var indexes = new NpgsqlCommand("SELECT count(*) FROM pg_indexes WHERE indexname IN ('IX_inbox_AcceptedAt', 'IX_orders_CreatedAt', 'IX_order_sagas_CreatedAt', 'IX_failed_messages_ResolvedAt')", check);
            Assert.Equal(4L, await indexes.ExecuteScalarAsync());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
