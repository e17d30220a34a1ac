namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>
/// One record type of a layout: the message it carries and its fields (configuration <c>...:Records:{type}</c>, the key
/// being the record type characters such as <c>ORD</c>).
/// </summary>
public sealed class RecordLayoutOptions
{
    /// <summary>
    /// What the record carries. Terminal listeners read <c>PlaceOrder</c>, <c>CancelOrder</c> and <c>GetStatus</c> and
    /// write <c>Ack</c>, <c>Status</c> and <c>Nak</c>; connectors write a canonical command (<c>BookShipment</c>) and read
    /// canonical replies (<c>ShipmentBooked</c>, <c>ShipmentRefused</c>) or <c>Error</c>.
    /// </summary>
    public string Message { get; set; } = "";

    /// <summary>The length of the record's fixed part, type characters included; a group's items follow it.</summary>
    public int Length { get; set; }

    public Dictionary<string, FieldLayoutOptions> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The repeated group after the fixed part, if the record has one.</summary>
    public GroupLayoutOptions? Group { get; set; }
}
