using System.Globalization;
using System.Text.Json;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;

namespace CommerceBus.Abstractions.Envelope;

/// <summary>
/// The one translation of the canonical envelope to and from transport headers (<see cref="EnvelopeHeaders"/>) and the
/// header column of stored rows (outbox messages, failed messages): nothing else names the envelope's header names.
/// </summary>
/// <remarks>
/// The message id and the causation id travel in a transport's own ids where it has them (MassTransit's MessageId and
/// InitiatorId), so they are not headers; a transport binding passes them to <see cref="FromHeaders"/>. The correlation
/// id is the client's flow id (a string, any value a client chose); the order's tracking id is never a header here.
/// </remarks>
public static class EnvelopeCodec
{
    /// <summary>The source recorded for a message that came over the bus without saying where it entered the hub.</summary>
    public const string BusSource = "bus";

    /// <summary>
    /// The envelope of a message an inbound adapter handed the hub at <paramref name="receivedAt"/>: the client's message
    /// id and correlation id when it gave them, else the message id (new) serves as both.
    /// </summary>
    public static MessageEnvelope FromInbound(InboundMessage message, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageId = message.MessageId ?? Guid.NewGuid();
        return new MessageEnvelope
        {
            MessageId = messageId,
            CorrelationId = string.IsNullOrWhiteSpace(message.CorrelationId) ? messageId.ToString() : message.CorrelationId,
            SourceAdapter = message.SourceAdapter,
            MessageType = CanonicalTypes.VersionedNameOf(message.Command.GetType()),
            ReceivedAt = receivedAt,
            Headers = message.Headers,
        };
    }

    /// <summary>The envelope's fields and client headers as transport headers (empty fields are left out).</summary>
    public static Dictionary<string, string> ToHeaders(MessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var headers = FlowHeaders(envelope.CorrelationId, envelope.SourceAdapter);
        if (envelope.MessageType.Length > 0)
        {
            headers[EnvelopeHeaders.MessageType] = envelope.MessageType;
        }

        if (envelope.ReceivedAt != default)
        {
            headers[EnvelopeHeaders.ReceivedAt] = envelope.ReceivedAt.ToString("O", CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in envelope.Headers)
        {
            headers[EnvelopeHeaders.ClientHeaderPrefix + name] = value;
        }

        return headers;
    }

    /// <summary>Reads the envelope back from transport headers; what they do not say comes from <paramref name="fallback"/>.</summary>
    /// <exception cref="EnvelopeFormatException">A header is present but does not read (a received-at time that is not ISO 8601), or no message type is known.</exception>
    public static MessageEnvelope FromHeaders(IEnumerable<KeyValuePair<string, object>> headers, EnvelopeFallback fallback)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(fallback);
        string? correlationId = null, sourceAdapter = null, messageType = null, receivedAt = null;
        var clientHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, raw) in headers)
        {
            var value = TextOf(raw);
            switch (name)
            {
                case EnvelopeHeaders.CorrelationId: correlationId = value; break;
                case EnvelopeHeaders.SourceAdapter: sourceAdapter = value; break;
                case EnvelopeHeaders.MessageType: messageType = value; break;
                case EnvelopeHeaders.ReceivedAt: receivedAt = value; break;
                default:
                    if (value is not null && name.StartsWith(EnvelopeHeaders.ClientHeaderPrefix, StringComparison.Ordinal) && name.Length > EnvelopeHeaders.ClientHeaderPrefix.Length)
                    {
                        clientHeaders[name[EnvelopeHeaders.ClientHeaderPrefix.Length..]] = value;
                    }

                    break;
            }
        }

        var messageId = fallback.MessageId ?? Guid.NewGuid();
        return new MessageEnvelope
        {
            MessageId = messageId,
            CorrelationId = correlationId ?? fallback.CorrelationId ?? messageId.ToString(),
            CausationId = fallback.CausationId,
            SourceAdapter = sourceAdapter ?? fallback.SourceAdapter ?? BusSource,
            // The body's own type wins over a header: it is what the receiver actually holds.
            MessageType = fallback.MessageType ?? messageType
                ?? throw new EnvelopeFormatException($"The message has no {EnvelopeHeaders.MessageType} header and its type is not known, so it cannot be journaled or routed."),
            ReceivedAt = receivedAt is null ? fallback.ReceivedAt : ParseTime(receivedAt),
            Headers = clientHeaders,
        };
    }

    /// <summary>
    /// The headers a flow carries on from the message being handled to every message sent while handling it: the
    /// correlation id, the source adapter and the client headers, under their header names.
    /// </summary>
    public static Dictionary<string, string> FlowHeadersOf(IEnumerable<KeyValuePair<string, object>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var flow = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, raw) in headers)
        {
            if ((name is EnvelopeHeaders.CorrelationId or EnvelopeHeaders.SourceAdapter || name.StartsWith(EnvelopeHeaders.ClientHeaderPrefix, StringComparison.Ordinal))
                && TextOf(raw) is { } value)
            {
                flow[name] = value;
            }
        }

        return flow;
    }

    /// <summary>Flow headers naming a correlation id and a source adapter (either left out when empty).</summary>
    public static Dictionary<string, string> FlowHeaders(string? correlationId, string? sourceAdapter)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(correlationId))
        {
            headers[EnvelopeHeaders.CorrelationId] = correlationId;
        }

        if (!string.IsNullOrWhiteSpace(sourceAdapter))
        {
            headers[EnvelopeHeaders.SourceAdapter] = sourceAdapter;
        }

        return headers;
    }

    /// <summary>The client's correlation id (flow id) the headers carry, or null when they carry none.</summary>
    public static string? CorrelationIdOf(IEnumerable<KeyValuePair<string, object>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, raw) in headers)
        {
            if (string.Equals(name, EnvelopeHeaders.CorrelationId, StringComparison.OrdinalIgnoreCase))
            {
                return TextOf(raw);
            }
        }

        return null;
    }

    /// <inheritdoc cref="CorrelationIdOf(IEnumerable{KeyValuePair{string, object}})"/>
    public static string? CorrelationIdOf(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetValue(EnvelopeHeaders.CorrelationId, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }

    /// <summary>Headers as a stored row keeps them: a JSON object of strings.</summary>
    public static string Serialize(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return JsonSerializer.Serialize(headers);
    }

    /// <summary>Headers read back from a stored row (none when the row has none).</summary>
    /// <exception cref="EnvelopeFormatException">The stored text is not a JSON object of strings.</exception>
    public static Dictionary<string, string> Deserialize(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(stored)
                ?? throw new EnvelopeFormatException("The stored headers are null, not a JSON object of strings.");
        }
        catch (JsonException ex)
        {
            throw new EnvelopeFormatException($"The stored headers are not a JSON object of strings: {ex.Message}", ex);
        }
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)
            ? at
            : throw new EnvelopeFormatException($"The {EnvelopeHeaders.ReceivedAt} header is '{text}', which is not an ISO 8601 time.");

    // A header another publisher set may not be a string (a number, a GUID); blank counts as absent.
    private static string? TextOf(object? raw) =>
        Convert.ToString(raw, CultureInfo.InvariantCulture) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
}
