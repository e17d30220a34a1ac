namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>Where one field sits in a record and how its characters read (configuration <c>...:Fields:{name}</c>).</summary>
/// <remarks>
/// The field's name is its key in the record's <c>Fields</c>, written as the canonical JSON path of the value it
/// carries (<c>orderNumber</c>, <c>shipTo.postalCode</c>), so the same name works for every codec.
/// </remarks>
public sealed class FieldLayoutOptions
{
    /// <summary>1-based position of the field's first character (inside a group: inside one item).</summary>
    public int Position { get; set; }

    public int Length { get; set; }

    public FieldType Type { get; set; } = FieldType.Text;

    /// <summary>Implied decimals of an <see cref="FieldType.ImpliedDecimal"/> field.</summary>
    public int Scale { get; set; }

    /// <summary>The format of a <see cref="FieldType.Timestamp"/> field.</summary>
    public string Format { get; set; } = "yyyy-MM-ddTHH:mm:ssZ";

    /// <summary>
    /// The record's last field is free text of at most <see cref="Length"/> characters: written without padding, and a
    /// record may end anywhere inside it (the NAK reason, say).
    /// </summary>
    public bool Variable { get; set; }
}
