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
