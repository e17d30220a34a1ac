using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Persistence.Sqlite;

/// <summary>The embedded default: the hub database in a SQLite file.</summary>
public static class SqliteHubDatabase
{
    /// <summary>The hub context on the SQLite file at <paramref name="path"/>, with the SQLite migrations (a model of its own: amounts are REAL there).</summary>
    public static DbContextOptionsBuilder UseHubSqlite(this DbContextOptionsBuilder options, string path) =>
        options.UseSqlite($"Data Source={path};Pooling=True;Default Timeout=30", sqlite => sqlite.MigrationsAssembly(HubDatabase.SqliteMigrationsAssembly));
}
