namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>The message names a terminal layout gives its records (<c>RecordLayoutOptions.Message</c>).</summary>
internal static class TerminalMessages
{
    public const string PlaceOrder = "PlaceOrder";
    public const string CancelOrder = "CancelOrder";
    public const string GetStatus = "GetStatus";
    public const string Ack = "Ack";
    public const string Status = "Status";
    public const string Nak = "Nak";

    public static IReadOnlyList<string> Requests { get; } = [PlaceOrder, CancelOrder, GetStatus];

    public static IReadOnlyList<string> Replies { get; } = [Ack, Status, Nak];
}
