using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommerceBus.Persistence.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Each journal entry names the authenticated client that sent its message (issue 17 item 1), and an operator
    /// action names the operator, indexed for "everything this client sent". Nullable: entries written before name
    /// none, and keep what they had.
    /// </summary>
    public partial class JournalClientId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientId",
                table: "journal",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_journal_ClientId",
                table: "journal",
                column: "ClientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_journal_ClientId",
                table: "journal");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "journal");
        }
    }
}
