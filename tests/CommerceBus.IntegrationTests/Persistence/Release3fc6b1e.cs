using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// Databases as release 3fc6b1e (the last that made its schema with EnsureCreated) left them. The schema scripts in
/// <c>Assets/Schema</c> are that release's create scripts (<c>dotnet ef dbcontext script</c> at 3fc6b1e: the SQL
/// EnsureCreated ran), one per provider, kept verbatim.
/// </summary>
public static class Release3fc6b1e
{
    public static string Script(HubStorage storage) => File.ReadAllText(Path.Combine(
        AppContext.BaseDirectory, "Assets", "Schema", storage.IsPostgreSql ? "release-3fc6b1e.postgresql.sql" : "release-3fc6b1e.sqlite.sql"));

    /// <summary>Makes the schema on an empty database exactly as release 3fc6b1e did.</summary>
    public static Task CreateAsync(HubStorage storage) => storage.ExecuteAsync(Script(storage));

    /// <summary>
    /// Turns a database a hub of this branch filled into one release 3fc6b1e would have left: every migration after the
    /// baseline reverted by its down-migration, and the migrations history dropped (EnsureCreated kept none).
    /// </summary>
    public static async Task RevertToAsync(HubStorage storage)
    {
        await using (var db = await storage.Contexts().CreateDbContextAsync())
        {
            await db.Database.GetService<IMigrator>().MigrateAsync(HubDatabase.BaselineMigration);
        }

        await storage.ExecuteAsync($"DROP TABLE \"{HistoryRepository.DefaultTableName}\"");
    }
}
