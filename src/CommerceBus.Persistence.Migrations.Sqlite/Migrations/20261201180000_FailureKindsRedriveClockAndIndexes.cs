using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommerceBus.Persistence.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FailureKindsRedriveClockAndIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NextRedriveAt",
                table: "order_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RedriveCount",
                table: "order_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Release 3fc6b1e re-drove every saga that owed something once it stalled: each such saga gets a clock due
            // now (its last change is in the past), so the sweep resumes it; a saga that owes nothing gets none. The
            // condition is OrderSagaRecord.OwesWork, as of this migration.
            migrationBuilder.Sql(
                """
                UPDATE "order_sagas" SET "NextRedriveAt" = "UpdatedAt"
                WHERE "WaitingFor" IS NOT NULL
                   OR ("CurrentState" IN ('Failed', 'Cancelled')
                       AND (("StockReserved" AND NOT "StockReleased")
                            OR ("PaymentId" IS NOT NULL AND NOT "PaymentRefunded")
                            OR ("BookingId" IS NOT NULL AND NOT "BookingCancelled")));
                """);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "failed_messages",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_CreatedAt",
                table: "orders",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_order_sagas_CreatedAt",
                table: "order_sagas",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_order_sagas_NextRedriveAt",
                table: "order_sagas",
                column: "NextRedriveAt");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_AcceptedAt",
                table: "inbox",
                column: "AcceptedAt");

            migrationBuilder.CreateIndex(
                name: "IX_failed_messages_ResolvedAt",
                table: "failed_messages",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_failed_messages_TrackingId",
                table: "failed_messages",
                column: "TrackingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to release 3fc6b1e's schema. Lost: each failed message's kind (every row reads as a delivery there,
            // and the kinds it cannot retry stay parked) and each saga's re-drive clock (3fc6b1e re-drives by UpdatedAt).
            migrationBuilder.DropIndex(
                name: "IX_orders_CreatedAt",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_order_sagas_CreatedAt",
                table: "order_sagas");

            migrationBuilder.DropIndex(
                name: "IX_order_sagas_NextRedriveAt",
                table: "order_sagas");

            migrationBuilder.DropIndex(
                name: "IX_inbox_AcceptedAt",
                table: "inbox");

            migrationBuilder.DropIndex(
                name: "IX_failed_messages_ResolvedAt",
                table: "failed_messages");

            migrationBuilder.DropIndex(
                name: "IX_failed_messages_TrackingId",
                table: "failed_messages");

            migrationBuilder.DropColumn(
                name: "NextRedriveAt",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "RedriveCount",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "failed_messages");
        }
    }
}
