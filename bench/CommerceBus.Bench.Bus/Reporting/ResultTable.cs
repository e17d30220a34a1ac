using System.Text;

namespace CommerceBus.Bench.Bus.Reporting;

/// <summary>One scenario's results as a markdown table, with the notes that say how to read it.</summary>
internal sealed class ResultTable(string title, params string[] columns)
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    public string Title { get; } = title;

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Note(string note) => _notes.Add(note);

    public void WriteTo(StringBuilder markdown)
    {
        markdown.AppendLine($"### {Title}").AppendLine();
        markdown.AppendLine("| " + string.Join(" | ", columns) + " |");
        markdown.AppendLine("|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var row in _rows)
        {
            markdown.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        markdown.AppendLine();
        foreach (var note in _notes)
        {
            markdown.AppendLine(note).AppendLine();
        }
    }
}
