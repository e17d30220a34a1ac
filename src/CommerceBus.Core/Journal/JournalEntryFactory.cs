using System.Diagnostics.CodeAnalysis;
using CommerceBus.Contracts.Envelope;

namespace CommerceBus.Core.Journal;

/// <summary>
/// Builds every journal entry: the envelope's fields mapped in one place, and one truncation rule for every text the
/// journal keeps (<see cref="Truncate"/>).
/// </summary>
/// <remarks>
/// The rule: an identifier (correlation id, order number, source adapter, client id, message type) keeps at most
/// <see cref="MaxIdentifierLength"/> characters, a longer text (route, destination, detail) at most
/// <see cref="MaxTextLength"/>; beyond its limit a text keeps its first characters (one fewer when the limit would split
/// a surrogate pair) and nothing is added. Identifiers are indexed and a client chooses some of them (a correlation id,
/// an invalid order number): the limit keeps every entry writable (PostgreSQL refuses an index entry above about 2700
/// bytes, and 200 characters are at most 800).
/// </remarks>
public static class JournalEntryFactory
{
    /// <summary>The most characters the journal keeps of an identifying text.</summary>
    public const int MaxIdentifierLength = 200;

    /// <summary>The most characters the journal keeps of a route, a destination or a detail.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>
    /// An entry for the message in <paramref name="envelope"/>, handled from <paramref name="receivedAt"/> (the
    /// envelope's received-at time when not given) to <paramref name="completedAt"/>.
    /// </summary>
    public static JournalEntry Create(
        MessageEnvelope envelope,
        JournalDirection direction,
        string outcome,
        DateTime completedAt,
        string? orderNumber = null,
        Guid? trackingId = null,
        string? route = null,
        string? destination = null,
        string? detail = null,
        DateTime? receivedAt = null,
        TimeSpan duration = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new JournalEntry
        {
            MessageId = envelope.MessageId,
            CorrelationId = Truncate(envelope.CorrelationId, MaxIdentifierLength),
            CausationId = envelope.CausationId,
            SourceAdapter = Truncate(envelope.SourceAdapter, MaxIdentifierLength),
            ClientId = Truncate(envelope.Headers.GetValueOrDefault(EnvelopeHeaders.ClientId), MaxIdentifierLength),
            MessageType = Truncate(envelope.MessageType, MaxIdentifierLength),
            Direction = direction,
            OrderNumber = Truncate(orderNumber, MaxIdentifierLength),
            TrackingId = trackingId,
            Route = Truncate(route, MaxTextLength),
            Destination = Truncate(destination, MaxTextLength),
            Outcome = outcome,
            Detail = Truncate(detail, MaxTextLength),
            ReceivedAt = receivedAt ?? envelope.ReceivedAt.UtcDateTime,
            CompletedAt = completedAt,
            DurationMs = duration.TotalMilliseconds,
        };
    }

    /// <summary>The journal's one truncation rule: at most <paramref name="max"/> characters, never half a surrogate pair.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Truncate(string? text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (text is null || text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}
