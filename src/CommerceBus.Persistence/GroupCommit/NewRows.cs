using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommerceBus.Persistence.GroupCommit;

/// <summary>
/// A unit of work made only of new rows (an accepted command: the order, its lines, its saga row, the inbox row, the
/// journal entry; a delivery's journal entry), written with plain <c>INSERT</c>s built from the EF Core model — the
/// model's own tables, columns, type mappings and value converters, so there is no second list of names to drift from
/// a migration — in one command (one round trip), instead of EF Core's update pipeline (issue 21, the hop's profile).
/// </summary>
/// <remarks>
/// <para>
/// The command goes through EF Core's own command pipeline (<see cref="IRelationalCommand"/>: the connection, its
/// transaction, the command timeout, interceptors and logging); only the planning <c>SaveChanges</c> repeats for every
/// unit of work (modification commands, their ordering, SQL generation, result propagation) is skipped. Anything else —
/// a changed or deleted row, a type whose rows this does not know how to insert (inheritance, owned or complex types,
/// values the database generates other than an identity key) — is left to <c>SaveChanges</c> (<see cref="Collect"/>
/// returns null).
/// </para>
/// <para>
/// Rows are inserted principals first (the model's foreign keys), identity keys read back with <c>RETURNING</c>
/// (PostgreSQL and SQLite alike) and given to the entities only once the transaction has committed
/// (<see cref="Accept"/>), as <c>SaveChanges(acceptAllChangesOnSuccess: false)</c> followed by
/// <c>AcceptAllChanges</c> would. A database error is thrown as EF Core's <see cref="DbUpdateException"/> (the key
/// collisions the journal step answers by running the steps again, the execution strategy's transient failures).
/// A row that points at a principal whose key the database generates is refused (left to <c>SaveChanges</c>, which
/// propagates that key). Concurrency tokens and row versions of a new row are written as the entity holds them (a value
/// the database would generate for them makes the type <c>SaveChanges</c>'; the hub's, <c>order_sagas.Version</c>, is
/// set by the code and has no default in the database).
/// </para>
/// </remarks>
internal sealed class NewRows
{
    private static readonly ConcurrentDictionary<IEntityType, Table?> Tables = new();

    private readonly List<EntityEntry> _rows;
    private readonly List<Table> _tables;
    private object?[]? _generated;

    private NewRows(List<EntityEntry> rows, List<Table> tables)
    {
        _rows = rows;
        _tables = tables;
    }

    /// <summary>How many rows the unit of work inserts.</summary>
    public int Count => _rows.Count;

    /// <summary>How many parameters the inserts take.</summary>
    internal int ParameterCount => CountParameters(_rows, _tables);

    /// <summary>The entries of the rows inserted.</summary>
    internal IReadOnlyList<EntityEntry> Entries => _rows;

    /// <summary>
    /// The new rows <paramref name="db"/> tracks, principals first; null when it tracks anything else to save (a
    /// changed or deleted row) or a row this cannot insert, so <c>SaveChanges</c> must.
    /// </summary>
    public static NewRows? Collect(DbContext db)
    {
        var added = new List<EntityEntry>(8);
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged)
            {
                continue;
            }

            if (entry.State != EntityState.Added)
            {
                return null;
            }

            added.Add(entry);
        }

        return added.Count == 0 ? null : Of(db, added);
    }

    /// <summary>How <paramref name="type"/>'s rows are written from the model (one cached plan per entity type), or null when this does not write them.</summary>
    internal static Table? TableFor(DbContext db, IEntityType type) =>
        Tables.GetOrAdd(type, static (type, db) => Table.For(type, db.GetService<ISqlGenerationHelper>(), 0), db);

    /// <summary>
    /// The new rows among <paramref name="added"/> (entries in the <c>Added</c> state), principals first; null when one
    /// of them is a row this cannot insert. <see cref="ChangedRows"/> writes them in its own command.
    /// </summary>
    internal static NewRows? Of(DbContext db, List<EntityEntry> added)
    {
        var rows = new List<EntityEntry>(added.Count);
        var tables = new List<Table>(added.Count);
        foreach (var entry in added)
        {
            if (TableFor(db, entry.Metadata) is not { } table)
            {
                return null;
            }

            foreach (var generated in table.ClientGenerated)
            {
                if (entry.Property(generated).IsTemporary)
                {
                    // A temporary value is EF Core's placeholder, not the row's: SaveChanges knows what to do with it.
                    return null;
                }
            }

            // Insertion sort by the table's rank: a handful of rows, principals (lower rank) first, stable otherwise.
            var at = tables.Count;
            while (at > 0 && tables[at - 1].Rank > table.Rank)
            {
                at--;
            }

            rows.Insert(at, entry);
            tables.Insert(at, table);
        }

        return rows.Count == 0 || CountParameters(rows, tables) > ModelCommand.MaxParameters ? null : new NewRows(rows, tables);
    }

    /// <summary>
    /// Inserts the rows on <paramref name="db"/>'s connection, in its current transaction if it has one (else the
    /// command's own, implicit one). Changes no entity: <see cref="Accept"/> does, once the transaction committed.
    /// </summary>
    public async Task WriteAsync(DbContext db, CancellationToken cancellationToken)
    {
        var command = new ModelCommand(db);
        AppendTo(command);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(db, cancellationToken);
            await ReadKeysAsync(reader.DbDataReader, afterOtherResults: false, cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException($"An error occurred while inserting {_rows.Count} new rows: {ex.Message}", ex, _rows);
        }
    }

    /// <summary>
    /// Inserts the rows of several units of work (a shared transaction's batch) on <paramref name="db"/>'s connection,
    /// in its current transaction, in as few commands as the parameter limit allows (one for a batch of the hub's own
    /// units): one round trip for the whole batch instead of one per unit. Changes no entity: each unit's
    /// <see cref="Accept"/> does, once the transaction committed. A database error fails them all (the batch is rolled
    /// back, and its callers commit again on their own).
    /// </summary>
    public static async Task WriteAllAsync(DbContext db, IReadOnlyList<NewRows> units, CancellationToken cancellationToken)
    {
        var first = 0;
        while (first < units.Count)
        {
            // As many whole units as fit one command's parameters (a unit alone always does: Of refuses a larger one).
            var end = first;
            var parameters = 0;
            while (end < units.Count && (end == first || parameters + units[end].ParameterCount <= ModelCommand.MaxParameters))
            {
                parameters += units[end].ParameterCount;
                end++;
            }

            var command = new ModelCommand(db);
            for (var i = first; i < end; i++)
            {
                units[i].AppendTo(command);
            }

            try
            {
                await using var reader = await command.ExecuteReaderAsync(db, cancellationToken);
                var afterOtherResults = false;
                for (var i = first; i < end; i++)
                {
                    afterOtherResults |= await units[i].ReadKeysAsync(reader.DbDataReader, afterOtherResults, cancellationToken);
                }
            }
            catch (DbException ex)
            {
                var entries = new List<EntityEntry>();
                for (var i = first; i < end; i++)
                {
                    entries.AddRange(units[i]._rows);
                }

                throw new DbUpdateException($"An error occurred while inserting the new rows of {end - first} units of work: {ex.Message}", ex, entries);
            }

            first = end;
        }
    }

    /// <summary>Appends the rows' <c>INSERT</c>s to <paramref name="command"/> (identity keys read back with <c>RETURNING</c>).</summary>
    internal void AppendTo(ModelCommand command)
    {
        var sql = command.Sql;
        for (var i = 0; i < _rows.Count; i++)
        {
            var entry = _rows[i];
            var table = _tables[i];
            var storeKey = table.IdentityKey is { } key && entry.Property(key).IsTemporary;
            sql.Append(storeKey ? table.InsertWithoutKey : table.Insert).Append(" VALUES (");
            var first = true;
            foreach (var column in table.Columns)
            {
                if (storeKey && column.Property == table.IdentityKey)
                {
                    continue;
                }

                sql.Append(first ? "" : ", ");
                first = false;
                command.AppendValue(column, column.Getter is { } getter ? getter.GetClrValueUsingContainingEntity(entry.Entity) : entry.Property(column.Property).CurrentValue);
            }

            sql.Append(')');
            if (storeKey)
            {
                sql.Append(" RETURNING ").Append(table.IdentityColumn);
            }

            command.EndStatement();
        }
    }

    /// <summary>
    /// Reads the identity keys the <c>INSERT</c>s returned, in order (after the result sets of statements before them when
    /// <paramref name="afterOtherResults"/>); kept for <see cref="Accept"/>. Returns whether it read a result set.
    /// </summary>
    internal async Task<bool> ReadKeysAsync(DbDataReader reader, bool afterOtherResults, CancellationToken cancellationToken)
    {
        var keys = new object?[_rows.Count];
        var read = 0;
        for (var i = 0; i < _rows.Count; i++)
        {
            if (_tables[i].IdentityKey is not { } key || !_rows[i].Property(key).IsTemporary)
            {
                continue;
            }

            if (((read > 0 || afterOtherResults) && !await reader.NextResultAsync(cancellationToken))
                || !await reader.ReadAsync(cancellationToken))
            {
                throw new DbUpdateException($"The insert of a {_rows[i].Metadata.DisplayName()} row returned no key.", [_rows[i]]);
            }

            keys[i] = _tables[i].ReadKey(reader);
            read++;
        }

        _generated = keys;
        return read > 0;
    }

    /// <summary>
    /// After the commit: gives the entities their identity keys and marks the context's changes saved, as
    /// <c>AcceptAllChanges</c> after <c>SaveChanges</c> does.
    /// </summary>
    public void Accept(DbContext db)
    {
        if (_generated is { } keys)
        {
            for (var i = 0; i < _rows.Count; i++)
            {
                if (keys[i] is { } value && _tables[i].IdentityKey is { } key)
                {
                    var property = _rows[i].Property(key);
                    property.CurrentValue = value;
                    property.IsTemporary = false;
                }
            }
        }

        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Saves what <paramref name="db"/> has staged as its own <c>SaveChanges</c> would — in its current transaction, or
    /// in one of its own, committed before this returns — through <see cref="NewRows"/> when it is only new rows, through
    /// <c>SaveChanges</c> otherwise. The transaction of its own needs no <c>BEGIN</c> and <c>COMMIT</c> when the one
    /// command is a transaction already: a single row, or any number on PostgreSQL
    /// (<see cref="ModelCommand.CommandIsTransaction"/>), which saves two round trips of three.
    /// </summary>
    public static async Task SaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (Collect(db) is not { } rows)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await ModelCommand.InTransactionAsync(db, rows, rows.Count, static (context, unit, token) => unit.WriteAsync(context, token), cancellationToken);
        rows.Accept(db);
    }

    private static int CountParameters(List<EntityEntry> rows, List<Table> tables)
    {
        var count = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            count += tables[i].Columns.Length;
        }

        return count;
    }

    /// <summary>
    /// How one entity type's rows are written, from the model (inserted here, updated and deleted by
    /// <see cref="ChangedRows"/>); null when this does not write them.
    /// </summary>
    internal sealed class Table
    {
        private Table(string name, string insert, string insertWithoutKey, Column[] columns, IProperty? identityKey, string? identityColumn, int rank, IProperty[] clientGenerated)
        {
            Name = name;
            ClientGenerated = clientGenerated;
            Insert = insert;
            InsertWithoutKey = insertWithoutKey;
            Columns = columns;
            IdentityKey = identityKey;
            IdentityColumn = identityColumn;
            Rank = rank;
            Key = [.. columns.Where(c => c.Property.IsPrimaryKey())];
            Tokens = [.. columns.Where(c => c.Property.IsConcurrencyToken && !c.Property.IsPrimaryKey())];
        }

        /// <summary>The table's name, delimited (with its schema).</summary>
        public string Name { get; }

        /// <summary>The primary key's columns: an update or delete finds its row by them.</summary>
        public Column[] Key { get; }

        /// <summary>The concurrency tokens (the saga's <c>Version</c>): an update or delete also matches their loaded values.</summary>
        public Column[] Tokens { get; }

        /// <summary><c>INSERT INTO table (every column)</c>.</summary>
        public string Insert { get; }

        /// <summary><c>INSERT INTO table (every column but the identity key)</c>.</summary>
        public string InsertWithoutKey { get; }

        public Column[] Columns { get; }

        /// <summary>Values EF Core generates on the client when an entity is added (a Guid key): inserted as the entity holds them.</summary>
        public IProperty[] ClientGenerated { get; }

        /// <summary>A single integer key the database generates, or null.</summary>
        public IProperty? IdentityKey { get; }

        public string? IdentityColumn { get; }

        /// <summary>0 for a table with no foreign key, else one more than its principals': principals are inserted first.</summary>
        public int Rank { get; }

        public object? ReadKey(DbDataReader reader)
        {
            var key = IdentityKey!;
            var value = reader.GetValue(0);
            return key.GetRelationalTypeMapping().Converter is { } converter
                ? converter.ConvertFromProvider(value)
                : Convert.ChangeType(value, key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
        }

        public static Table? For(IEntityType type, ISqlGenerationHelper helper, int depth)
        {
            if (depth > 8 || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.IsOwned()
                || type.GetComplexProperties().Any() || type.IsMappedToJson()
                || type.GetTableName() is not { } tableName || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            {
                return null;
            }

            var store = StoreObjectIdentifier.Table(tableName, type.GetSchema());
            var primaryKey = type.FindPrimaryKey();
            IProperty? identityKey = null;
            var clientGenerated = new List<IProperty>();
            var columns = new List<Column>();
            foreach (var property in type.GetProperties())
            {
                if (property.ValueGenerated != ValueGenerated.Never)
                {
                    // Generated on add with nothing the database computes: a single integer key is the database's
                    // (identity, autoincrement: left out and read back); any other (a Guid key) EF Core generated on
                    // the client when the entity was added, so its value is the entity's and is inserted as given.
                    var onAddOnly = property.ValueGenerated == ValueGenerated.OnAdd
                        && property.GetDefaultValueSql() is null && property.GetComputedColumnSql() is null
                        && !property.TryGetDefaultValue(out _);
                    if (!onAddOnly)
                    {
                        return null;
                    }

                    if (primaryKey is { Properties.Count: 1 } && primaryKey.Properties[0] == property
                        && (property.ClrType == typeof(long) || property.ClrType == typeof(int)))
                    {
                        identityKey = property;
                    }
                    else
                    {
                        clientGenerated.Add(property);
                    }
                }

                if (property.GetColumnName(store) is not { } column)
                {
                    return null;
                }

                columns.Add(new Column(property, column, property.GetRelationalTypeMapping(), property.IsShadowProperty() ? null : property.GetGetter()));
            }

            var rank = 0;
            foreach (var foreignKey in type.GetForeignKeys())
            {
                if (foreignKey.PrincipalEntityType == type)
                {
                    // A row may point at another of its own table: the order among them matters; SaveChanges knows it.
                    return null;
                }

                // A principal whose key the database generates (an identity key) gives its dependents that key only
                // once inserted: SaveChanges propagates it, this does not, so such a dependent is SaveChanges'.
                if (For(foreignKey.PrincipalEntityType, helper, depth + 1) is not { } principal
                    || (principal.IdentityKey is { } principalIdentity && foreignKey.PrincipalKey.Properties.Contains(principalIdentity))
                    || foreignKey.PrincipalKey.Properties.Any(p => p.ValueGenerated != ValueGenerated.Never && !principal.ClientGenerated.Contains(p)))
                {
                    return null;
                }

                rank = Math.Max(rank, principal.Rank + 1);
            }

            var table = helper.DelimitIdentifier(tableName, type.GetSchema());
            var all = string.Join(", ", columns.Select(c => helper.DelimitIdentifier(c.Name)));
            var withoutKey = string.Join(", ", columns.Where(c => c.Property != identityKey).Select(c => helper.DelimitIdentifier(c.Name)));
            return new Table(
                table,
                $"INSERT INTO {table} ({all})",
                $"INSERT INTO {table} ({withoutKey})",
                [.. columns],
                identityKey,
                identityKey is null ? null : helper.DelimitIdentifier(identityKey.GetColumnName(store)!),
                rank,
                [.. clientGenerated]);
        }
    }

    /// <summary>A column, its type mapping, and the getter of a property the entity has (null for a shadow property).</summary>
    internal sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter? Getter);
}
