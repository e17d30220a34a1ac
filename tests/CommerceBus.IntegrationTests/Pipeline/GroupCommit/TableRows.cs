using System.Data.Common;
using System.Globalization;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.IntegrationTests.Pipeline.GroupCommit;

/// <summary>
/// The rows of one table read back with plain SQL, every column the table has, each row printed column by column
/// (<c>Name=Type:value</c>) so two ways of writing the same rows can be compared as text: a column the model maps
/// differently, a converter or a type mapping that differs shows up as a difference.
/// </summary>
internal static class TableRows
{
    /// <summary>
    /// The rows of <paramref name="table"/> whose <paramref name="filter"/> column equals <paramref name="key"/>, sorted;
    /// <paramref name="mask"/> rewrites a column's text (name, value, text) so values that differ by design (identities,
    /// the test's own keys) compare equal.
    /// </summary>
    public static async Task<List<string>> ReadAsync(
        HubDbContext db, string table, string filter, object key, Func<string, object?, string, string> mask)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE {filter} = @key";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Row(reader, mask));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Row(DbDataReader reader, Func<string, object?, string, string> mask)
    {
        var columns = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i);
            var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
            var text = value is null ? "NULL" : $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}";
            columns.Add($"{name}={mask(name, value, text)}");
        }

        return string.Join(", ", columns);
    }
}
