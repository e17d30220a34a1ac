namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>A field of a compiled layout: a 0-based offset into the record (or group item) and how to read it.</summary>
internal sealed record FieldLayout(string Name, int Offset, int Length, FieldType Type, int Scale, string Format, bool Variable)
{
    public int End => Offset + Length;

    public static FieldLayout From(string name, FieldLayoutOptions options) =>
        new(name, options.Position - 1, options.Length, options.Type, options.Scale, options.Format, options.Variable);
}
