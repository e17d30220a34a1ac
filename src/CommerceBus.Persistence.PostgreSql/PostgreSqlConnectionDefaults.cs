using System.Data.Common;
using Npgsql;

namespace CommerceBus.Persistence.PostgreSql;

/// <summary>
/// The hub context's Npgsql settings where the operator's connection string says nothing (a key the operator gave wins):
/// no session reset when a connection goes back to the pool, and automatic preparation of the statements the hub repeats.
/// </summary>
/// <remarks>
/// <para><c>No Reset On Close</c>: Npgsql otherwise sends <c>DISCARD ALL</c> (or, with prepared statements, its parts
/// that keep them) with the first command after every pool return. The hub's pooled connections carry no session state
/// for a next user to inherit: it runs no <c>SET</c>, <c>LISTEN</c>, temporary table or cursor held across a
/// return on them; its advisory locks and the migration lock's <c>SET lock_timeout</c>
/// (<see cref="PostgreSqlHubCoordination"/>, <see cref="PostgreSqlMigrationLock"/>) are on unpooled sessions of their own. Hangfire's storage keeps the operator's string as given (its own pool).</para>
/// <para><c>Max Auto Prepare</c> / <c>Auto Prepare Min Usages</c>: a statement run twice on a connection is prepared
/// there, so PostgreSQL parses and plans the intake's inserts, the saga's load and update and the journal's insert once
/// per connection rather than once per command. An operator behind a pooler without prepared-statement support (PgBouncer
/// in transaction mode before 1.21) sets <c>Max Auto Prepare=0</c>.</para>
/// <para>Neither touches durability: the commit is the same <c>COMMIT</c> under the server's <c>synchronous_commit</c>,
/// answered only after it returned.</para>
/// </remarks>
internal static class PostgreSqlConnectionDefaults
{
    /// <summary>The most statements prepared on one connection, room for every statement shape the hub repeats.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>How often a statement runs on a connection before it is prepared.</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary>The operator's <paramref name="connectionString"/> with the defaults added for the keys it does not name.</summary>
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Names(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Names(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        return builder.ConnectionString;
    }

    // DbConnectionStringBuilder's keys ignore case; Npgsql takes each key with and without its spaces.
    private static bool Names(DbConnectionStringBuilder given, string key, string synonym) =>
        given.ContainsKey(key) || given.ContainsKey(synonym);
}
