using System.Text;

namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>A compiled set of record layouts: find a record's layout by its type characters, or a message's by name.</summary>
internal sealed class LayoutSet
{
    private readonly Dictionary<string, RecordLayout> _byType;

    public LayoutSet(string name, RecordLayoutSetOptions options)
    {
        Name = name;
        TypeLength = options.TypeLength;
        _byType = options.Records.ToDictionary(r => r.Key, r => new RecordLayout(r.Key, r.Value), StringComparer.Ordinal);

        // Every request layout of the contracts puts the order number in the same place, so even a record whose type is
        // unknown can be answered with it; a layout set where the places differ answers with spaces instead.
        var places = _byType.Values.Select(r => r.Field("orderNumber")).Where(f => f is not null).Distinct().ToList();
        CommonOrderNumber = places.Count == 1 ? places[0] : null;
    }

    public string Name { get; }

    public int TypeLength { get; }

    public IEnumerable<RecordLayout> Records => _byType.Values;

    /// <summary>Where the order number is in every record that has one, when that place is the same for all.</summary>
    public FieldLayout? CommonOrderNumber { get; }

    public RecordLayout? ForType(ReadOnlySpan<byte> type) =>
        _byType.GetValueOrDefault(Encoding.ASCII.GetString(type));

    /// <summary>The layout that writes <paramref name="message"/>; validation makes sure there is one where it is needed.</summary>
    public RecordLayout? ForMessage(string message) =>
        _byType.Values.FirstOrDefault(r => string.Equals(r.Message, message, StringComparison.OrdinalIgnoreCase));
}
