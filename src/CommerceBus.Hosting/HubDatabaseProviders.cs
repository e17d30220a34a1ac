using System.Runtime.CompilerServices;
using CommerceBus.Persistence;
using CommerceBus.Persistence.PostgreSql;
using CommerceBus.Persistence.Sqlite;

namespace CommerceBus.Hosting;

/// <summary>
/// Chooses the hub database's provider from <see cref="StorageOptions"/>. Each provider is created in a method of its
/// own, compiled only when called, so that a hub on the embedded SQLite default never loads Npgsql, and one on
/// PostgreSQL never loads SQLite.
/// </summary>
internal static class HubDatabaseProviders
{
    public static IHubDatabaseProvider For(StorageOptions storage) => storage.UsesPostgreSql ? PostgreSql() : Sqlite();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IHubDatabaseProvider PostgreSql() => new PostgreSqlHubDatabaseProvider();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IHubDatabaseProvider Sqlite() => new SqliteHubDatabaseProvider();
}
