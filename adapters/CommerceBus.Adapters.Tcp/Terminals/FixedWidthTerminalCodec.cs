using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Contracts.Json;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>
/// The fixed-width codec: records are read and written by a layout set (the contract's by default). Fields come out
/// as JSON under their canonical names, so the same <see cref="OrderJsonReader"/> as REST and AMQP makes the command.
/// </summary>
internal sealed class FixedWidthTerminalCodec(LayoutSet layouts) : ITerminalCodec
{
    private readonly RecordLayout _ack = Writes(layouts, TerminalMessages.Ack);
    private readonly RecordLayout _status = Writes(layouts, TerminalMessages.Status);
    private readonly RecordLayout _nak = Writes(layouts, TerminalMessages.Nak);

    public TerminalRequest Decode(ReadOnlySequence<byte> record)
    {
        var bytes = record.IsSingleSegment ? record.FirstSpan : record.ToArray();
        if (!RecordReader.TryRead(layouts, bytes, IsRequest, out var decoded, out var fault))
        {
            return new RejectedRecord(fault.OrderNumber, fault.Kind switch
            {
                RecordFaultKind.WrongLength => NakCodes.WrongLength,
                RecordFaultKind.UnknownType => NakCodes.UnknownType,
                _ => NakCodes.InvalidField,
            }, fault.Reason);
        }

        var body = JsonSerializer.SerializeToElement(decoded.Body);
        switch (decoded.Layout.Message)
        {
            case var m when Is(m, TerminalMessages.PlaceOrder):
                var order = OrderJsonReader.ReadPlaceOrder(body, out var orderErrors);
                return new PlaceOrderRequest(order, [.. decoded.Errors, .. orderErrors]);
            case var m when Is(m, TerminalMessages.CancelOrder):
                var cancel = OrderJsonReader.ReadCancelOrder(body, null, out var cancelErrors);
                return new CancelOrderRequest(cancel, [.. decoded.Errors, .. cancelErrors]);
            case var m when Is(m, TerminalMessages.GetStatus):
                return new StatusRequest(JsonPaths.Text(JsonPaths.Get(decoded.Body, "orderNumber")));
            default:
                throw new InvalidOperationException($"Record type {decoded.Layout.Type} passed the request filter but is not a request.");
        }
    }

    public void Encode(TerminalReply reply, IBufferWriter<byte> output)
    {
        var (layout, body) = reply switch
        {
            AckReply ack => (_ack, new JsonObject { ["orderNumber"] = ack.OrderNumber, ["trackingId"] = ack.TrackingId.ToString("D") }),
            StatusReply status => (_status, new JsonObject
            {
                ["orderNumber"] = status.OrderNumber,
                ["status"] = status.Status,
                ["updatedAt"] = status.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }),
            NakReply nak => (_nak, new JsonObject { ["orderNumber"] = nak.OrderNumber, ["code"] = nak.Code, ["reason"] = nak.Reason }),
            _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "unknown reply"),
        };
        RecordWriter.Write(layout, body, output);
    }

    private static bool IsRequest(RecordLayout layout) =>
        TerminalMessages.Requests.Contains(layout.Message, StringComparer.OrdinalIgnoreCase);

    private static bool Is(string message, string expected) => string.Equals(message, expected, StringComparison.OrdinalIgnoreCase);

    private static RecordLayout Writes(LayoutSet layouts, string message) =>
        layouts.ForMessage(message) ?? throw new InvalidOperationException($"Layout '{layouts.Name}' has no record for {message} replies.");
}
