using System.Reflection;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// A later schema change that exists only in the tests: a made-up nullable column on the order table, as a release
/// after this one would add it. Dated far ahead so it comes after every real migration.
/// </summary>
[DbContext(typeof(HubDbContext))]
[Migration(Id)]
public sealed class MadeUpColumn : Migration
{
    public const string Id = "29991231000000_MadeUpColumn";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "MadeUpNote", table: "orders", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "MadeUpNote", table: "orders");

    /// <summary>Makes a context know the provider's real migrations and this one (add with <c>ReplaceService</c>).</summary>
    public static void AddTo(DbContextOptionsBuilder options) => options.ReplaceService<IMigrationsAssembly, WithMadeUpColumn>();

#pragma warning disable EF1001 // The one way to add a migration from another assembly: extend EF Core's own lookup.
    private sealed class WithMadeUpColumn(
        ICurrentDbContext currentContext,
        IDbContextOptions options,
        IMigrationsIdGenerator idGenerator,
        IDiagnosticsLogger<DbLoggerCategory.Migrations> logger) : MigrationsAssembly(currentContext, options, idGenerator, logger)
    {
        public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
            new SortedDictionary<string, TypeInfo>(base.Migrations.ToDictionary(), StringComparer.Ordinal) { [Id] = typeof(MadeUpColumn).GetTypeInfo() };
    }
#pragma warning restore EF1001
}
