using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Json;

namespace CommerceBus.Adapters.Tcp.Outbound;

/// <summary>
/// Canonical messages to and from records, by layout: a command is written from its canonical JSON (field names are its
/// JSON paths), a reply record is read into JSON and becomes the canonical reply its layout's <c>Message</c> names.
/// </summary>
internal static class OutboundRecords
{
    /// <summary>The field a connector fills with a sequence number, which the endpoint echoes in its reply.</summary>
    public const string ReferenceField = "reference";

    /// <summary>The message of an endpoint's technical error record.</summary>
    public const string ErrorMessage = "Error";

    public static byte[] Encode(RecordLayout layout, object command, long reference)
    {
        var body = JsonSerializer.SerializeToNode(command, command.GetType(), CanonicalJson.Options)!.AsObject();
        body[ReferenceField] = reference;
        var buffer = new ArrayBufferWriter<byte>(layout.Length + 64);
        RecordWriter.Write(layout, body, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static long? ReferenceOf(DecodedRecord reply) =>
        JsonPaths.Number(JsonPaths.Get(reply.Body, ReferenceField)) is { } number ? (long)number : null;

    /// <summary>The canonical reply; an error record or an unreadable reply throws <see cref="TcpEndpointException"/>.</summary>
    public static DeliveryResult ToResult(DecodedRecord reply, object command, string endpoint)
    {
        var type = reply.Layout.Type;
        if (string.Equals(reply.Layout.Message, ErrorMessage, StringComparison.OrdinalIgnoreCase))
        {
            throw new TcpEndpointException($"Endpoint {endpoint} answered {type}: {JsonPaths.Text(JsonPaths.Get(reply.Body, "reason")) ?? "(no reason)"}");
        }

        if (reply.Errors.Count > 0)
        {
            throw new TcpEndpointException($"Endpoint {endpoint} answered a {type} record that cannot be read: {string.Join("; ", reply.Errors)}");
        }

        if (!CanonicalTypes.TryResolve(reply.Layout.Message, out var replyType))
        {
            throw new TcpEndpointException($"Endpoint {endpoint} answered {type}, whose layout names '{reply.Layout.Message}', not a canonical message");
        }

        // Legacy replies rarely echo the hub's ids (the tracking id, say): what the reply does not carry comes from the command.
        var body = reply.Body.DeepClone().AsObject();
        body.Remove(ReferenceField);
        foreach (var (name, value) in JsonSerializer.SerializeToNode(command, command.GetType(), CanonicalJson.Options)!.AsObject())
        {
            if (value is JsonValue && !body.ContainsKey(name))
            {
                body[name] = value.DeepClone();
            }
        }

        var canonical = CanonicalJson.Deserialize(body.ToJsonString(), replyType)
            ?? throw new TcpEndpointException($"Endpoint {endpoint} answered an empty {type}");
        return DeliveryResult.Replied(canonical, $"{type} {body.ToJsonString()}");
    }
}
