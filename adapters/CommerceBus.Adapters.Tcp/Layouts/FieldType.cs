namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>How a fixed-width field's characters carry its value.</summary>
public enum FieldType
{
    /// <summary>Left-aligned, space-padded ASCII text; trailing spaces are not part of the value.</summary>
    Text,

    /// <summary>A whole number, right-aligned and zero-padded; every character must be a digit.</summary>
    Number,

    /// <summary>A number with <see cref="FieldLayoutOptions.Scale"/> implied decimals: <c>0000001999</c> with scale 2 is 19.99.</summary>
    ImpliedDecimal,

    /// <summary>A UTC time written with <see cref="FieldLayoutOptions.Format"/>.</summary>
    Timestamp,
}
