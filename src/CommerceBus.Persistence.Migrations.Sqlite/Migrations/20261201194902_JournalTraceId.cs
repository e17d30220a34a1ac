using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommerceBus.Persistence.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Each journal entry keeps the W3C trace id of the span it was written in (issue 18), so an order's journal links
    /// to its trace. Nullable: entries written before have none, and keep what they had.
    /// </summary>
    public partial class JournalTraceId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceId",
                table: "journal",
                type: "TEXT",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceId",
                table: "journal");
        }
    }
}
