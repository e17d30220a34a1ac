namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>
/// A repeated group at the end of a record, such as order lines: a count field says how many items follow the fixed
/// part, each <see cref="ItemLength"/> characters long (configuration <c>...:Group</c>).
/// </summary>
public sealed class GroupLayoutOptions
{
    /// <summary>The canonical JSON name of the list, e.g. <c>lines</c>; items become <c>lines[0]</c>, <c>lines[1]</c>, ...</summary>
    public string Name { get; set; } = "";

    /// <summary>Where the count sits in the fixed part of the record (a <see cref="FieldType.Number"/>).</summary>
    public FieldLayoutOptions Count { get; set; } = new() { Type = FieldType.Number };

    public int MinCount { get; set; } = 1;

    public int MaxCount { get; set; } = 20;

    public int ItemLength { get; set; }

    /// <summary>The fields of one item, positions counted from the item's first character.</summary>
    public Dictionary<string, FieldLayoutOptions> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
