using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommerceBus.Persistence.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Step deadlines kept on the saga row (issue 21 item 2): <c>StepTimeoutDueAt</c>, when the step deadline sweep next
    /// sends a saga its step timeout, replaces <c>StepTimeoutTokenId</c>, the token of the Hangfire job that did it. Every
    /// saga waiting on a step when the hub is upgraded gets its stored deadline, so the sweep fires it even if its old
    /// Hangfire job is gone (in-memory Hangfire dies with the hub); an old job that still fires sends the same message,
    /// which the saga handles as before (a second timeout for the same step is ignored).
    /// </summary>
    /// <remarks>
    /// <c>Down</c> cannot give back the tokens: the previous release then cannot cancel the jobs of the sagas that were
    /// waiting (their timeouts fire late and are ignored, as any timeout of a step already answered), and a saga that
    /// waited on a step while this release ran has no job until the previous release's recovery re-drives it.
    /// </remarks>
    public partial class StepDeadlinesOnSagaRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A rename (both are TEXT on SQLite) rather than drop-and-add, which would rebuild the table; the tokens it
            // held are overwritten below.
            migrationBuilder.RenameColumn(
                name: "StepTimeoutTokenId",
                table: "order_sagas",
                newName: "StepTimeoutDueAt");

            // Every saga waiting on a step gets its stored deadline; the others (nothing to time out) none.
            migrationBuilder.Sql(
                """
                UPDATE "order_sagas" SET "StepTimeoutDueAt" = CASE WHEN "WaitingFor" IS NOT NULL THEN "StepDeadline" END;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_order_sagas_StepTimeoutDueAt",
                table: "order_sagas",
                column: "StepTimeoutDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_order_sagas_StepTimeoutDueAt",
                table: "order_sagas");

            migrationBuilder.RenameColumn(
                name: "StepTimeoutDueAt",
                table: "order_sagas",
                newName: "StepTimeoutTokenId");

            migrationBuilder.Sql(
                """
                UPDATE "order_sagas" SET "StepTimeoutTokenId" = NULL;
                """);
        }
    }
}
