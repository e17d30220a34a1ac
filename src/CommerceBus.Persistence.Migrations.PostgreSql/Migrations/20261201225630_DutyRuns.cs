using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CommerceBus.Persistence.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// The record of the periodic duties' runs (<c>duty_runs</c>: stalled-redrive, outbox-sweep, retention,
    /// startup-recovery), one row per run by the hub that ran it; a new table, so <c>Down</c> drops it and loses only
    /// those records.
    /// </summary>
    public partial class DutyRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duty_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    duty = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    items = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_duty_runs_started_at",
                table: "duty_runs",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_runs");
        }
    }
}
