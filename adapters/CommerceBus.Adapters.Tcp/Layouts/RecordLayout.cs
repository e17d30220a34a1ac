namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>A compiled record layout: its type characters, the message it carries, its fields in position order.</summary>
internal sealed class RecordLayout
{
    public RecordLayout(string type, RecordLayoutOptions options)
    {
        Type = type;
        Message = options.Message;
        Length = options.Length;
        Fields = [.. options.Fields.Select(f => FieldLayout.From(f.Key, f.Value)).OrderBy(f => f.Offset)];
        VariableField = Fields.LastOrDefault(f => f.Variable);
        if (options.Group is { } group)
        {
            var count = FieldLayout.From(group.Name, group.Count) with { Type = FieldType.Number };
            Group = new GroupLayout(group.Name, count, group.MinCount, group.MaxCount, group.ItemLength,
                [.. group.Fields.Select(f => FieldLayout.From(f.Key, f.Value)).OrderBy(f => f.Offset)]);
        }
    }

    public string Type { get; }

    public string Message { get; }

    /// <summary>The fixed part's length, type included.</summary>
    public int Length { get; }

    public IReadOnlyList<FieldLayout> Fields { get; }

    public GroupLayout? Group { get; }

    /// <summary>The free-text last field, which lets a record end early.</summary>
    public FieldLayout? VariableField { get; }

    /// <summary>The shortest record of this type: the fixed part, or up to where the free-text field starts.</summary>
    public int MinLength => VariableField?.Offset ?? Length;

    public FieldLayout? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The field (or group item field) that covers a 0-based position, named by its path; null when none does.</summary>
    public string? FieldAt(int index)
    {
        if (Fields.FirstOrDefault(f => index >= f.Offset && index < f.End) is { } field)
        {
            return field.Name;
        }

        if (Group is { } group && index >= Length && group.ItemLength > 0)
        {
            var item = (index - Length) / group.ItemLength;
            var inItem = (index - Length) % group.ItemLength;
            return group.Fields.FirstOrDefault(f => inItem >= f.Offset && inItem < f.End) is { } itemField
                ? $"{group.Name}[{item}].{itemField.Name}"
                : $"{group.Name}[{item}]";
        }

        return Group is { } g && index >= g.Count.Offset && index < g.Count.End ? g.Name : null;
    }
}
