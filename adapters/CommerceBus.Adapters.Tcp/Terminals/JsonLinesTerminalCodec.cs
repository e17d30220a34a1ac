using System.Buffers;
using System.Text.Json;
using CommerceBus.Contracts.Json;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>
/// The JSON-lines codec: a record is one JSON object whose <c>type</c> is <c>ORD</c>, <c>CAN</c> or <c>STA</c> and whose
/// other properties are the REST bodies of <c>contracts/wire/rest.md</c>; replies are JSON objects with the same
/// <c>type</c> names as the fixed-width replies (<c>ACK</c>, <c>STS</c>, <c>NAK</c>) and the same NAK codes.
/// </summary>
internal sealed class JsonLinesTerminalCodec : ITerminalCodec
{
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 16 };

    public TerminalRequest Decode(ReadOnlySequence<byte> record)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(record, ReadOptions);
        }
        catch (JsonException ex)
        {
            return new RejectedRecord(null, NakCodes.InvalidField, $"$: not valid JSON (byte {ex.BytePositionInLine + 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new RejectedRecord(null, NakCodes.InvalidField, "$: a record must be a JSON object");
            }

            var orderNumber = root.TryGetProperty("orderNumber", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "ORD":
                    var order = OrderJsonReader.ReadPlaceOrder(root, out var orderErrors);
                    return new PlaceOrderRequest(order, orderErrors);
                case "CAN":
                    var cancel = OrderJsonReader.ReadCancelOrder(root, null, out var cancelErrors);
                    return new CancelOrderRequest(cancel, cancelErrors);
                case "STA":
                    return new StatusRequest(orderNumber);
                case null:
                    return new RejectedRecord(orderNumber, NakCodes.UnknownType, "type: missing (ORD, CAN or STA)");
                default:
                    return new RejectedRecord(orderNumber, NakCodes.UnknownType, $"record type '{Cut(type)}' is unknown");
            }
        }
    }

    public void Encode(TerminalReply reply, IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        switch (reply)
        {
            case AckReply ack:
                json.WriteString("type", "ACK");
                json.WriteString("orderNumber", ack.OrderNumber);
                json.WriteString("trackingId", ack.TrackingId);
                break;
            case StatusReply status:
                json.WriteString("type", "STS");
                json.WriteString("orderNumber", status.OrderNumber);
                json.WriteString("status", status.Status);
                json.WriteString("updatedAt", status.UpdatedAt);
                if (status.Reason is not null)
                {
                    json.WriteString("reason", status.Reason);
                }

                break;
            case NakReply nak:
                json.WriteString("type", "NAK");
                json.WriteString("orderNumber", nak.OrderNumber);
                json.WriteString("code", nak.Code);
                json.WriteString("reason", nak.Reason);
                if (nak.Errors.Count > 0)
                {
                    json.WriteStartArray("errors");
                    foreach (var error in nak.Errors)
                    {
                        json.WriteStartObject();
                        json.WriteString("field", error.Field);
                        json.WriteString("message", error.Message);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                break;
        }

        json.WriteEndObject();
    }

    private static string Cut(string text) => text.Length <= 20 ? text : text[..20] + "...";
}
