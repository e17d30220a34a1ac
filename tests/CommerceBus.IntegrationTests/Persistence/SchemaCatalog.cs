namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// The hub's schema as the database describes it (columns, keys, indexes, constraints), one sorted line per item, so
/// two databases can be compared; the migrations history, SQLite's internals and Hangfire's schema are left out.
/// </summary>
public static class SchemaCatalog
{
    private const string SqliteTables =
        "FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name NOT LIKE '\\_\\_EF%' ESCAPE '\\'";

    public static async Task<List<string>> ReadAsync(HubStorage storage)
    {
        var lines = new List<string>();
        var queries = storage.IsPostgreSql
            ? new[]
            {
                "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length, -1) || ' ' || coalesce(numeric_precision, -1) || ',' || coalesce(numeric_scale, -1) || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') || ' identity=' || is_identity || coalesce(identity_generation, '') FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%'",
                "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EF%'",
                "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%EFMigrations%'",
            }
            : new[]
            {
                "SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p.\"notnull\" || ' default=' || ifnull(p.dflt_value, '') || ' pk=' || p.pk " + SqliteTables.Replace("FROM sqlite_master m", "FROM sqlite_master m JOIN pragma_table_info(m.name) p", StringComparison.Ordinal),
                "SELECT 'index ' || m.name || ' ' || CASE WHEN il.origin = 'pk' THEN '(primary key)' ELSE il.name END || ' unique=' || il.\"unique\" || ' origin=' || il.origin || ' on ' || (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) " + SqliteTables.Replace("FROM sqlite_master m", "FROM sqlite_master m JOIN pragma_index_list(m.name) il", StringComparison.Ordinal),
                "SELECT 'foreign key ' || m.name || '.' || f.\"from\" || ' -> ' || f.\"table\" || '.' || f.\"to\" || ' on delete ' || f.on_delete " + SqliteTables.Replace("FROM sqlite_master m", "FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f", StringComparison.Ordinal),
                "SELECT 'autoincrement ' || m.name " + SqliteTables + " AND m.sql LIKE '%AUTOINCREMENT%'",
            };
        foreach (var query in queries)
        {
            lines.AddRange(await storage.QueryAsync(query));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
