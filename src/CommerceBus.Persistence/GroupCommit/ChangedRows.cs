using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CommerceBus.Persistence.GroupCommit;

/// <summary>
/// A unit of work of changed, deleted and new rows (a saga transition: the versioned update of the saga row, its journal
/// entry and outbox rows, the sent outbox rows it carries the removal of), written from the EF Core model as
/// <see cref="NewRows"/> writes new ones — the model's tables, columns, type mappings and value converters — in one
/// command (one round trip), instead of EF Core's update pipeline (issue 21, the saga's profile).
/// </summary>
/// <remarks>
/// <para>
/// A changed row is <c>UPDATE table SET (the columns the change tracker marks modified) WHERE key = @key AND token =
/// @loaded</c> for each concurrency token (its original value, as <c>SaveChanges</c> compares it), a deleted one
/// <c>DELETE … WHERE</c> the same; both end in <c>RETURNING 1</c> (PostgreSQL, and SQLite from 3.35), so each statement's
/// own row count is read from its own result set, never a sum a neighbouring insert could make up. Any of them that
/// touched no row makes the whole unit throw EF Core's <see cref="DbUpdateConcurrencyException"/> with those entries,
/// and a database error EF Core's <see cref="DbUpdateException"/>, as <c>SaveChanges</c> does; the transaction is then
/// rolled back, so nothing of the unit stays.
/// </para>
/// <para>
/// On PostgreSQL outside a transaction the command is its own transaction, with no <c>BEGIN</c> and <c>COMMIT</c> (one
/// round trip fewer, the <c>COMMIT</c>'s: Npgsql sends a <c>BEGIN</c> with the next command): Npgsql sends a
/// command's statements with one Sync at the end (no error barriers unless asked for, Npgsql 10
/// <c>NpgsqlCommand.WriteExecute</c>), so PostgreSQL runs them in one implicit transaction, and an error in any of them
/// rolls back all of them (<c>NpgsqlBatch.EnableErrorBarriers</c>: "any exception in a command causes later commands in
/// the batch to be skipped, and earlier commands to be rolled back"). Each update and delete is therefore checked by
/// the database: <c>WITH changed AS (UPDATE … RETURNING 1) SELECT CASE count(*) WHEN 1 THEN 1 ELSE ('commercebus:
/// change N touched …')::int END FROM changed</c> fails the cast (SQLSTATE 22P02) when it touched no row, which takes
/// the whole command back; that error (22P02 naming a <c>commercebus:</c> change, never a genuine one) becomes the same
/// <see cref="DbUpdateConcurrencyException"/>, naming the refused change's entry (the statements after it never ran).
/// Durability is unchanged: the implicit transaction commits at the Sync exactly as a <c>COMMIT</c> does (the server's
/// <c>synchronous_commit</c>, flushed before the reply), and <see cref="SaveAsync"/> returns only after that reply.
/// SQLite (Microsoft.Data.Sqlite runs a command's statements one by one in autocommit) and any unit written in a
/// transaction already open keep the checks made here on each statement's <c>RETURNING</c> row.
/// </para>
/// <para>
/// Updates and deletes go first, then the inserts, principals first. Left to <c>SaveChanges</c> (<see cref="Collect"/>
/// returns null): a type <see cref="NewRows"/> does not write, a change of a key or foreign key column, the delete of
/// a row other rows may point at (cascades, ordering), a type without a primary key, a modified entry with no modified
/// column. The entities are changed only after the commit (<see cref="NewRows.Accept"/>: identity keys, then
/// <c>AcceptAllChanges</c>). <c>SaveChanges</c> interceptors are told as <c>SaveChanges</c> tells them (saving, saved,
/// failed; a refused version check as EF Core's <c>OptimisticConcurrencyException</c> event and the interceptors'
/// <c>ThrowingConcurrencyException</c>, not as a failed save, which would log an error for an expected race); on a
/// fallback to <c>SaveChanges</c> they are told "saving" twice.
/// </para>
/// </remarks>
public sealed class ChangedRows
{
    private readonly List<Change> _changes;
    private readonly NewRows? _new;

    private ChangedRows(List<Change> changes, NewRows? rows)
    {
        _changes = changes;
        _new = rows;
    }

    /// <summary>How many statements the unit of work sends.</summary>
    internal int Count => _changes.Count + (_new?.Count ?? 0);

    /// <summary>
    /// Saves what <paramref name="db"/> tracks as its own <c>SaveChanges</c> would — in its current transaction, or in
    /// one of its own (none for a single statement), committed before this returns, the entities accepted only then —
    /// from the model in one command when it can (see the remarks), through <c>SaveChanges</c> otherwise.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">An update or delete touched no row (a concurrency token changed since the load, or the row is gone).</exception>
    /// <exception cref="DbUpdateException">The database refused a statement (a key collision, a constraint).</exception>
    public static async Task SaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        var events = db.GetService<IDiagnosticsLogger<DbLoggerCategory.Update>>();
        var saving = await events.SaveChangesStartingAsync(db, cancellationToken);
        if (saving.HasResult)
        {
            return;
        }

        if (Collect(db) is not { } rows)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        try
        {
            // A retried transaction whose first attempt did commit finds its version moved: a conflict, as with SaveChanges.
            // On PostgreSQL the one command is a transaction by itself, as a single statement is (see WriteAsync).
            await ModelCommand.InTransactionAsync(db, rows, rows.Count, static (context, unit, token) => unit.WriteAsync(context, token), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await events.SaveChangesCanceledAsync(db, CancellationToken.None);
            throw;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Told already as the OptimisticConcurrencyException event (WriteAsync); SaveChanges does not report a lost
            // race as a failed save either (which logs an error), so neither does this.
            throw;
        }
        catch (Exception ex)
        {
            await events.SaveChangesFailedAsync(db, ex, CancellationToken.None);
            throw;
        }

        var saved = rows.Count;
        rows.Accept(db);
        await events.SaveChangesCompletedAsync(db, saved, cancellationToken);
    }

    /// <summary>
    /// The changed, deleted and new rows <paramref name="db"/> tracks; null when one of them is something this does not
    /// write (see the remarks), so <c>SaveChanges</c> must.
    /// </summary>
    internal static ChangedRows? Collect(DbContext db)
    {
        var changes = new List<Change>(4);
        List<EntityEntry>? added = null;
        var parameters = 0;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Unchanged:
                    continue;
                case EntityState.Added:
                    (added ??= new List<EntityEntry>(8)).Add(entry);
                    continue;
                case EntityState.Modified or EntityState.Deleted:
                    break;
                default:
                    return null;
            }

            if (NewRows.TableFor(db, entry.Metadata) is not { Key.Length: > 0 } table)
            {
                return null;
            }

            NewRows.Column[]? set = null;
            if (entry.State == EntityState.Deleted)
            {
                if (entry.Metadata.GetReferencingForeignKeys().Any())
                {
                    // Rows may point at it: cascades and the order of statements are SaveChanges' to get right.
                    return null;
                }
            }
            else
            {
                var modified = new List<NewRows.Column>(table.Columns.Length);
                foreach (var column in table.Columns)
                {
                    if (!entry.Property(column.Property).IsModified)
                    {
                        continue;
                    }

                    if (column.Property.IsKey() || column.Property.IsForeignKey())
                    {
                        // A changed key or relationship: SaveChanges orders and propagates those.
                        return null;
                    }

                    modified.Add(column);
                }

                if (modified.Count == 0)
                {
                    return null;
                }

                set = [.. modified];
            }

            parameters += (set?.Length ?? 0) + table.Key.Length + table.Tokens.Length;
            changes.Add(new Change(entry, table, set));
        }

        NewRows? rows = null;
        if (added is not null && (rows = NewRows.Of(db, added)) is null)
        {
            return null;
        }

        if (changes.Count == 0 && rows is null)
        {
            return null;
        }

        return parameters + (rows?.ParameterCount ?? 0) > ModelCommand.MaxParameters ? null : new ChangedRows(changes, rows);
    }

    /// <summary>
    /// Sends the unit's statements in one command on <paramref name="db"/>'s connection, in its current transaction (on
    /// PostgreSQL without one: the command's own implicit transaction, its version checks made by the database).
    /// Changes no entity: <see cref="Accept"/> does, once the transaction committed.
    /// </summary>
    internal async Task WriteAsync(DbContext db, CancellationToken cancellationToken)
    {
        // PostgreSQL runs a command's statements up to its one Sync in one implicit transaction: an error in any of them
        // rolls back all of them. So outside a transaction each UPDATE/DELETE fails itself when it touched no row, and the
        // whole unit is taken back by the database, with no BEGIN and COMMIT around it. SQLite (Microsoft.Data.Sqlite)
        // runs the statements one by one in autocommit, so it keeps the explicit transaction and the checks made here.
        var checkedByDatabase = _changes.Count > 0 && db.Database.CurrentTransaction is null && ModelCommand.CommandIsTransaction(db);
        var command = new ModelCommand(db);
        if (checkedByDatabase)
        {
            // A first statement that cannot fail: the reader opens on it, so a refused check surfaces while the results
            // are read, not from ExecuteReader, which EF Core would log as a failed command (an error) for an expected race.
            command.Sql.Append("SELECT 1");
            command.EndStatement();
        }

        for (var i = 0; i < _changes.Count; i++)
        {
            Append(command, _changes[i], checkedByDatabase ? i : null);
        }

        _new?.AppendTo(command);
        var touched = new int[_changes.Count];
        int? refused = null;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(db, cancellationToken);
            var data = reader.DbDataReader;
            for (var i = 0; i < _changes.Count; i++)
            {
                if ((i > 0 || checkedByDatabase) && !await data.NextResultAsync(cancellationToken))
                {
                    throw new DbUpdateException($"The {Verb(_changes[i])} of a {_changes[i].Entry.Metadata.DisplayName()} row returned no result.", [_changes[i].Entry]);
                }

                while (await data.ReadAsync(cancellationToken))
                {
                    touched[i]++;
                }
            }

            if (_new is not null)
            {
                await _new.ReadKeysAsync(data, afterOtherResults: _changes.Count > 0, cancellationToken);
            }

            // Every statement runs (and reports its error) before the row counts are judged.
            while (await data.NextResultAsync(cancellationToken))
            {
            }
        }
        catch (DbException ex) when (checkedByDatabase && RefusedChange(ex) is { } index)
        {
            // The database refused the change's check and rolled the whole command back; later statements never ran.
            refused = index;
        }
        catch (DbException ex)
        {
            throw new DbUpdateException($"An error occurred while writing {Count} rows: {ex.Message}", ex, Entries());
        }

        List<EntityEntry>? missed = null;
        if (refused is { } first)
        {
            missed = [_changes[first].Entry];
        }
        else
        {
            for (var i = 0; i < _changes.Count; i++)
            {
                if (touched[i] != 1)
                {
                    (missed ??= []).Add(_changes[i].Entry);
                }
            }
        }

        if (missed is not null)
        {
            var entries = UpdateEntries(missed);
            var conflict = new DbUpdateConcurrencyException(
                $"The {Verb(_changes[_changes.FindIndex(c => c.Entry == missed[0])])} of {missed.Count} {missed[0].Metadata.DisplayName()} row(s) "
                + "touched no row: the row changed (a concurrency token) or was deleted since it was loaded.",
                (Exception?)null,
                entries);

            // Told as EF Core's update pipeline tells it: the OptimisticConcurrencyException event (Debug; an expected
            // race, retried by the caller, not a failed save) and the interceptors' ThrowingConcurrencyException, which
            // may suppress it exactly as it can for SaveChanges.
            var events = db.GetService<IDiagnosticsLogger<DbLoggerCategory.Update>>();
            var interception = await events.OptimisticConcurrencyExceptionAsync(db, entries, conflict, ConcurrencyEventData, cancellationToken);
            if (!interception.IsSuppressed)
            {
                throw conflict;
            }
        }
    }

    /// <summary>
    /// The index of the change whose database-side check (<see cref="Append"/>) raised <paramref name="ex"/>, or null
    /// for any other error (a genuine invalid-text error, 22P02, names no <c>commercebus:</c> change).
    /// </summary>
    private int? RefusedChange(DbException ex)
    {
        if (ex.SqlState != "22P02")
        {
            return null;
        }

        var at = ex.Message.IndexOf(RefusedPrefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + RefusedPrefix.Length;
        var end = start;
        while (end < ex.Message.Length && char.IsAsciiDigit(ex.Message[end]))
        {
            end++;
        }

        return int.TryParse(ex.Message.AsSpan(start, end - start), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index < _changes.Count
            ? index
            : null;
    }

    private static ConcurrencyExceptionEventData ConcurrencyEventData(
        DbContext context, DbUpdateConcurrencyException exception, IReadOnlyList<Microsoft.EntityFrameworkCore.Update.IUpdateEntry> entries, EventDefinition<Exception> definition) =>
        new(definition, static (d, data) => ((EventDefinition<Exception>)d).GenerateMessage(((ConcurrencyExceptionEventData)data).Exception), context, entries, exception);

    /// <summary>After the commit: the new rows' identity keys, then the context's changes marked saved.</summary>
    internal void Accept(DbContext db)
    {
        if (_new is not null)
        {
            _new.Accept(db);
        }
        else
        {
            db.ChangeTracker.AcceptAllChanges();
        }
    }

    // The change's database-side check raises "invalid input syntax for type integer: "commercebus: change N touched
    // M row(s)"" (22P02). The text is built from count(*), so the cast is made only when the check fails: a constant
    // would be cast (and fail) when the statement is planned.
    private const string RefusedPrefix = "commercebus: change ";

    /// <summary>
    /// Appends the change's statement; with <paramref name="checkedAs"/> (its index), one that fails in the database when
    /// it touched anything but one row: <c>WITH changed AS (UPDATE … RETURNING 1) SELECT CASE count(*) WHEN 1 THEN 1
    /// ELSE ('commercebus: change N touched ' || count(*) || ' row(s)')::int END FROM changed</c>.
    /// </summary>
    private static void Append(ModelCommand command, Change change, int? checkedAs)
    {
        var sql = command.Sql;
        var entry = change.Entry;
        if (checkedAs is not null)
        {
            sql.Append("WITH changed AS (");
        }

        if (change.Set is { } set)
        {
            sql.Append("UPDATE ").Append(change.Table.Name).Append(" SET ");
            for (var i = 0; i < set.Length; i++)
            {
                var column = set[i];
                sql.Append(i == 0 ? "" : ", ");
                command.AppendColumn(column);
                sql.Append(" = ");
                command.AppendValue(column, column.Getter is { } getter ? getter.GetClrValueUsingContainingEntity(entry.Entity) : entry.Property(column.Property).CurrentValue);
            }
        }
        else
        {
            sql.Append("DELETE FROM ").Append(change.Table.Name);
        }

        sql.Append(" WHERE ");
        var first = true;
        foreach (var column in change.Table.Key)
        {
            AppendMatch(command, column, entry.Property(column.Property).OriginalValue, ref first);
        }

        foreach (var column in change.Table.Tokens)
        {
            AppendMatch(command, column, entry.Property(column.Property).OriginalValue, ref first);
        }

        sql.Append(" RETURNING 1");
        if (checkedAs is { } index)
        {
            sql.Append(") SELECT CASE count(*) WHEN 1 THEN 1 ELSE ('").Append(RefusedPrefix).Append(index)
                .Append(" touched ' || count(*) || ' row(s)')::int END FROM changed");
        }

        command.EndStatement();
    }

    private static void AppendMatch(ModelCommand command, NewRows.Column column, object? value, ref bool first)
    {
        command.Sql.Append(first ? "" : " AND ");
        first = false;
        command.AppendColumn(column);
        if (value is null)
        {
            command.Sql.Append(" IS NULL");
            return;
        }

        command.Sql.Append(" = ");
        command.AppendValue(column, value);
    }

    // EF Core's concurrency exception names its entries by their update-pipeline view (IUpdateEntry), which an entry
    // reaches only through EF Core's internal entry type; the exception's Entries then give them back as SaveChanges' do.
#pragma warning disable EF1001
    private static List<Microsoft.EntityFrameworkCore.Update.IUpdateEntry> UpdateEntries(List<EntityEntry> entries) =>
        [.. entries.Select(e => (Microsoft.EntityFrameworkCore.Update.IUpdateEntry)e.GetInfrastructure())];
#pragma warning restore EF1001

    private static string Verb(Change change) => change.Set is null ? "delete" : "update";

    private List<EntityEntry> Entries() => [.. _changes.Select(c => c.Entry), .. _new?.Entries ?? []];

    /// <summary>A changed row (<see cref="Set"/>: the columns to write) or a deleted one (<see cref="Set"/> null).</summary>
    private readonly record struct Change(EntityEntry Entry, NewRows.Table Table, NewRows.Column[]? Set);
}
