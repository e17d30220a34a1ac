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
    /// Sends the unit's statements in one command on <paramref name="db"/>'s connection, in its current transaction.
    /// Changes no entity: <see cref="Accept"/> does, once the transaction committed.
    /// </summary>
    internal async Task WriteAsync(DbContext db, CancellationToken cancellationToken)
    {
        var command = new ModelCommand(db);
        foreach (var change in _changes)
        {
            Append(command, change);
        }

        _new?.AppendTo(command);
        var touched = new int[_changes.Count];
        try
        {
            await using var reader = await command.ExecuteReaderAsync(db, cancellationToken);
            var data = reader.DbDataReader;
            for (var i = 0; i < _changes.Count; i++)
            {
                if (i > 0 && !await data.NextResultAsync(cancellationToken))
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
        catch (DbException ex)
        {
            throw new DbUpdateException($"An error occurred while writing {Count} rows: {ex.Message}", ex, Entries());
        }

        List<EntityEntry>? missed = null;
        for (var i = 0; i < _changes.Count; i++)
        {
            if (touched[i] != 1)
            {
                (missed ??= []).Add(_changes[i].Entry);
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

    private static void Append(ModelCommand command, Change change)
    {
        var sql = command.Sql;
        var entry = change.Entry;
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
