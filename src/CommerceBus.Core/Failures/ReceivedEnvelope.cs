using System.Text;
using System.Text.Json;
using CommerceBus.Abstractions.Envelope;
using CommerceBus.Contracts;
using CommerceBus.Core.Scheduling;
using MassTransit;

namespace CommerceBus.Core.Failures;

/// <summary>
/// A message as it arrived on a hub queue, read from its serialized MassTransit envelope without deserializing the
/// message: what the failed-message store keeps of a message that failed there, and all a retry needs to send it back.
/// </summary>
internal sealed record ReceivedEnvelope(Guid MessageId, Guid? TrackingId, string MessageType, string? OrderNumber, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public static ReceivedEnvelope Read(ReceiveContext context)
    {
        var raw = context.Body.GetBytes();
        var headers = context.TransportHeaders.GetAll()
            .Where(h => h.Value is not null)
            .ToDictionary(h => h.Key, h => Convert.ToString(h.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(raw);
            var envelope = document.RootElement;
            if (envelope.TryGetProperty("headers", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in inner.EnumerateObject())
                {
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
                }
            }

            var urns = envelope.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                ? types.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList()
                : [];
            var message = envelope.TryGetProperty("message", out var m) ? m : envelope;
            return new ReceivedEnvelope(
                GuidOf(envelope, "messageId") ?? context.GetMessageId() ?? Guid.NewGuid(),
                // MassTransit's correlation id is the order's tracking id (the saga instance).
                GuidOf(envelope, "correlationId") ?? context.GetCorrelationId(),
                NameOf(urns),
                message.ValueKind == JsonValueKind.Object && message.TryGetProperty("orderNumber", out var order) && order.ValueKind == JsonValueKind.String ? order.GetString() : null,
                message.GetRawText(),
                headers);
        }
        catch (JsonException)
        {
            // Not a JSON envelope: keep the bytes as a JSON string so the operator still sees them.
            return new ReceivedEnvelope(context.GetMessageId() ?? Guid.NewGuid(), context.GetCorrelationId(), context.ContentType?.MediaType ?? "unknown",
                null, JsonSerializer.Serialize(Encoding.UTF8.GetString(raw)), headers);
        }
    }

    /// <summary>The stored message type: the canonical name of a canonical message, else its MassTransit URN.</summary>
    private static string NameOf(IReadOnlyList<string> urns)
    {
        if (urns.Count == 0)
        {
            return "unknown";
        }

        try
        {
            var type = MessageTypeResolver.Resolve(urns);
            return CanonicalTypes.All.Contains(type) ? CanonicalTypes.VersionedNameOf(type) : urns[0];
        }
        catch (InvalidOperationException)
        {
            return urns[0];
        }
    }

    public FailedMessageRecord ToRecord(string kind, string queue, string reason, DateTime failedAt) => new()
    {
        Kind = kind,
        MessageId = MessageId,
        CorrelationId = EnvelopeCodec.CorrelationIdOf(Headers),
        MessageType = MessageType,
        Endpoint = queue,
        OrderNumber = OrderNumber,
        TrackingId = TrackingId,
        Reason = FailedMessageStore.Trim(reason, 2000),
        Body = Body,
        Headers = EnvelopeCodec.Serialize(Headers),
        FailedAt = failedAt,
    };

    private static Guid? GuidOf(JsonElement envelope, string name) =>
        envelope.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;
}
