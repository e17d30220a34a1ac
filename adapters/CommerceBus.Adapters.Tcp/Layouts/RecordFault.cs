namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>Why a record could not be read at all: its structure is wrong, so no field of it reaches the hub.</summary>
/// <param name="Kind">Which structural rule the record breaks.</param>
/// <param name="OrderNumber">The order number, when the record is readable far enough to have one.</param>
/// <param name="Reason">What is wrong, naming the field where there is one.</param>
internal sealed record RecordFault(RecordFaultKind Kind, string? OrderNumber, string Reason);

/// <summary>The structural faults of a fixed-width record.</summary>
internal enum RecordFaultKind
{
    /// <summary>The record is not as long as its type (and line count) says.</summary>
    WrongLength,

    /// <summary>The type characters name no layout.</summary>
    UnknownType,

    /// <summary>A byte outside printable ASCII (0x20-0x7E).</summary>
    NotPrintable,
}
