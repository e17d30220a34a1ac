namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>A compiled repeated group: its count field and the fields of one item.</summary>
internal sealed record GroupLayout(string Name, FieldLayout Count, int MinCount, int MaxCount, int ItemLength, IReadOnlyList<FieldLayout> Fields);
