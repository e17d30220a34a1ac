using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommerceBus.Persistence.GroupCommit;

/// <summary>
/// One command of statements built from the EF Core model (<see cref="NewRows"/>' inserts, <see cref="ChangedRows"/>'
/// updates and deletes), its values passed as parameters typed by the columns' own type mappings (value converters
/// included), run through EF Core's command pipeline: the context's connection and transaction, the command timeout,
/// interceptors and logging.
/// </summary>
internal sealed class ModelCommand
{
    /// <summary>The most parameters one command takes (well below SQLite's and PostgreSQL's limits).</summary>
    public const int MaxParameters = 2048;

    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, MaxParameters).Select(i => "p" + i)];

    private readonly ISqlGenerationHelper _helper;
    private readonly IRelationalCommandBuilder _builder;
    private readonly Dictionary<string, object?> _values = new(64);
    private int _parameter;

    public ModelCommand(DbContext db)
    {
        _helper = db.GetService<ISqlGenerationHelper>();
        _builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
    }

    /// <summary>The command's text so far.</summary>
    public StringBuilder Sql { get; } = new(1024);

    /// <summary>Appends a parameter placeholder for <paramref name="value"/>, typed as <paramref name="column"/> maps it.</summary>
    public void AppendValue(NewRows.Column column, object? value)
    {
        var name = ParameterNames[_parameter++];
        Sql.Append(_helper.GenerateParameterNamePlaceholder(name));
        _builder.AddParameter(name, _helper.GenerateParameterName(name), column.Mapping, column.Property.IsNullable);
        _values[name] = value;
    }

    /// <summary>Appends <paramref name="column"/>'s delimited name.</summary>
    public void AppendColumn(NewRows.Column column) => _helper.DelimitIdentifier(Sql, column.Name);

    /// <summary>Ends the current statement.</summary>
    public void EndStatement() => Sql.Append(_helper.StatementTerminator).Append('\n');

    /// <summary>
    /// Runs <paramref name="write"/> (<paramref name="statements"/> statements) as the context's own <c>SaveChanges</c>
    /// would: in <paramref name="db"/>'s current transaction, or else through the provider's execution strategy, which
    /// retries a transient failure of the whole transaction, in a transaction of its own — with no <c>BEGIN</c> and
    /// <c>COMMIT</c> when the one command is a transaction already: a single statement, or any number on PostgreSQL
    /// (<see cref="CommandIsTransaction"/>). The callers change their entities only after this returned, so a retry sends exactly the
    /// same statements.
    /// </summary>
    public static Task InTransactionAsync<TState>(
        DbContext db, TState state, int statements, Func<DbContext, TState, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return write(db, state, cancellationToken);
        }

        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, state, statements, write),
            static async (_, unit, token) =>
            {
                if (unit.statements == 1 || CommandIsTransaction(unit.db))
                {
                    await unit.write(unit.db, unit.state, token);
                    return true;
                }

                await using var transaction = await unit.db.Database.BeginTransactionAsync(token);
                await unit.write(unit.db, unit.state, token);
                await transaction.CommitAsync(token);
                return true;
            },
            null,
            cancellationToken);
    }

    /// <summary>
    /// Whether one command of several statements is one transaction on <paramref name="db"/>'s database without a
    /// <c>BEGIN</c> and <c>COMMIT</c> of its own: on PostgreSQL, Npgsql sends a command's statements as one batch ended
    /// by a single Sync, which the server runs as one implicit transaction — an error in any statement skips the rest and
    /// rolls back those before it; committed at the end as synchronously as an explicit <c>COMMIT</c>. Not on SQLite,
    /// whose provider runs the statements one by one, each its own transaction.
    /// </summary>
    public static bool CommandIsTransaction(DbContext db) => db.Database.ProviderName == NpgsqlProvider;

    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Runs the command on <paramref name="db"/>'s connection, in its current transaction if it has one.</summary>
    public Task<RelationalDataReader> ExecuteReaderAsync(DbContext db, CancellationToken cancellationToken)
    {
        _builder.Append(Sql.ToString());
        var parameters = new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(),
            _values,
            null,
            db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(),
            CommandSource.SaveChanges);
        return _builder.Build().ExecuteReaderAsync(parameters, cancellationToken);
    }
}
