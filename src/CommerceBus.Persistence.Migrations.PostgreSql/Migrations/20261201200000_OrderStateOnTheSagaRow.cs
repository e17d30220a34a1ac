using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommerceBus.Persistence.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// One place for an order's state: status, reason, shipment and cancel move from <c>orders</c> to the order's saga
    /// row (<c>order_sagas</c>), the order's command JSON is kept once (the saga's), every order gets a saga row (one
    /// not started for an order its saga had not taken yet), and an order row now requires its saga row.
    /// </summary>
    public partial class OrderStateOnTheSagaRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CancelRequestedAt",
                table: "order_sagas",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "order_sagas",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Accepted");

            migrationBuilder.AddColumn<DateTime>(
                name: "StatusChangedAt",
                table: "order_sagas",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Every order gets its state on its saga row, and keeps it: the sagas there are take the order's status, its
            // cancel and, once the order ended, its reason (a saga's own note on a completed order stays its own)...
            migrationBuilder.Sql(
                """
                UPDATE order_sagas SET
                    "Status" = (SELECT o."Status" FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId"),
                    "StatusChangedAt" = (SELECT o."UpdatedAt" FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId"),
                    "CancelRequestedAt" = (SELECT o."CancelRequestedAt" FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId"),
                    "CancelReason" = COALESCE((SELECT o."CancelReason" FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId"), "CancelReason"),
                    "Reason" = CASE WHEN (SELECT o."Status" FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId") IN ('Failed', 'Cancelled') THEN (SELECT o."Reason" FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId") ELSE "Reason" END,
                    "ShipmentTrackingNumber" = COALESCE("ShipmentTrackingNumber", (SELECT o."ShipmentTrackingNumber" FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId"))
                WHERE EXISTS (SELECT 1 FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId");
                """);

            // ...an order whose saga had not taken it yet gets one that has not started, holding its command, so the
            // saga takes it from there (recovery starts it, as it started an order without a saga before)...
            migrationBuilder.Sql(
                """
                INSERT INTO order_sagas ("CorrelationId", "Version", "CurrentState", "OrderNumber", "OrderJson", "StockReserved",
                    "StockReleased", "PaymentRefunded", "BookingCancelled", "CancelRequested", "CancelRequestedAt", "CancelReason",
                    "Reason", "ShipmentTrackingNumber", "RedriveCount", "Status", "StatusChangedAt", "CreatedAt", "UpdatedAt")
                SELECT o."TrackingId", 1, 'Initial', o."OrderNumber", o."CommandJson", false, false, false, false, false, o."CancelRequestedAt", o."CancelReason",
                    o."Reason", o."ShipmentTrackingNumber", 0, o."Status", o."UpdatedAt", o."CreatedAt", o."UpdatedAt"
                FROM orders o
                WHERE NOT EXISTS (SELECT 1 FROM order_sagas s WHERE s."CorrelationId" = o."TrackingId");
                """);

            // ...and a saga with no order row (none the hub makes) says how it ended, if it did.
            migrationBuilder.Sql(
                """
                UPDATE order_sagas SET "Status" = "CurrentState", "StatusChangedAt" = "UpdatedAt"
                WHERE "CurrentState" IN ('Completed', 'Failed', 'Cancelled')
                    AND NOT EXISTS (SELECT 1 FROM orders o WHERE o."TrackingId" = order_sagas."CorrelationId");
                """);

            migrationBuilder.DropIndex(
                name: "IX_orders_Status",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CancelReason",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CancelRequestedAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CommandJson",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "ShipmentTrackingNumber",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "IX_order_sagas_Status",
                table: "order_sagas",
                column: "Status");

            migrationBuilder.AddForeignKey(
                name: "FK_orders_order_sagas_TrackingId",
                table: "orders",
                column: "TrackingId",
                principalTable: "order_sagas",
                principalColumn: "CorrelationId",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_orders_order_sagas_TrackingId",
                table: "orders");

            migrationBuilder.AddColumn<string>(
                name: "CancelReason",
                table: "orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelRequestedAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommandJson",
                table: "orders",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShipmentTrackingNumber",
                table: "orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Accepted");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // The order's state back on its row, as the saga row holds it; the command JSON from the saga...
            migrationBuilder.Sql(
                """
                UPDATE orders SET
                    "Status" = (SELECT s."Status" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId"),
                    "UpdatedAt" = (SELECT s."StatusChangedAt" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId"),
                    "CommandJson" = (SELECT s."OrderJson" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId"),
                    "CancelRequestedAt" = (SELECT s."CancelRequestedAt" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId"),
                    "CancelReason" = CASE WHEN (SELECT s."CancelRequestedAt" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId") IS NULL THEN NULL ELSE (SELECT s."CancelReason" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId") END,
                    "Reason" = CASE WHEN (SELECT s."Status" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId") IN ('Failed', 'Cancelled') THEN (SELECT s."Reason" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId") ELSE NULL END,
                    "ShipmentTrackingNumber" = CASE WHEN (SELECT s."Status" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId") IN ('Shipped', 'Completed') THEN (SELECT s."ShipmentTrackingNumber" FROM order_sagas s WHERE s."CorrelationId" = orders."TrackingId") ELSE NULL END;
                """);

            // ...with no defaults on the restored columns, as the previous schema had none...
            migrationBuilder.Sql("""ALTER TABLE orders ALTER COLUMN "Status" DROP DEFAULT, ALTER COLUMN "CommandJson" DROP DEFAULT, ALTER COLUMN "UpdatedAt" DROP DEFAULT;""");

            // ...and a saga that had not started is no saga in the previous release (its recovery starts the order).
            migrationBuilder.Sql("""DELETE FROM order_sagas WHERE "CurrentState" = 'Initial';""");

            migrationBuilder.DropIndex(
                name: "IX_order_sagas_Status",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "CancelRequestedAt",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "order_sagas");

            migrationBuilder.CreateIndex(
                name: "IX_orders_Status",
                table: "orders",
                column: "Status");
        }
    }
}
