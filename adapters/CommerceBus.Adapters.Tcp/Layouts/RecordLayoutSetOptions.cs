namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>
/// The record layouts one protocol speaks (configuration <c>CommerceBus:Adapters:Tcp:Layouts:{name}</c>); listeners and
/// connectors name the set they use.
/// </summary>
public sealed class RecordLayoutSetOptions
{
    /// <summary>How many characters at the start of every record name its type.</summary>
    public int TypeLength { get; set; } = 3;

    /// <summary>The record types, keyed by their type characters.</summary>
    public Dictionary<string, RecordLayoutOptions> Records { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
