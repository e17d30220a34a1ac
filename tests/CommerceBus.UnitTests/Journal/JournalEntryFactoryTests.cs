using CommerceBus.Contracts.Envelope;
using CommerceBus.Core.Journal;
using Xunit;

namespace CommerceBus.UnitTests.Journal;

public sealed class JournalEntryFactoryTests
{
    private static readonly DateTime Done = new(2026, 12, 1, 20, 0, 1, DateTimeKind.Utc);

    private static readonly MessageEnvelope Envelope = new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = "flow-1",
        CausationId = Guid.NewGuid(),
        SourceAdapter = "soap",
        MessageType = "PlaceOrder.v1",
        ReceivedAt = new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void An_entry_takes_the_envelopes_ids_source_type_and_time()
    {
        var trackingId = Guid.NewGuid();

        var entry = JournalEntryFactory.Create(Envelope, JournalDirection.Inbound, JournalOutcomes.Accepted, Done, orderNumber: "A-1", trackingId: trackingId, duration: TimeSpan.FromMilliseconds(12.5));

        Assert.Equal((Envelope.MessageId, "flow-1", Envelope.CausationId, "soap", "PlaceOrder.v1"), (entry.MessageId, entry.CorrelationId, entry.CausationId, entry.SourceAdapter, entry.MessageType));
        Assert.Equal((JournalDirection.Inbound, JournalOutcomes.Accepted, "A-1", (Guid?)trackingId), (entry.Direction, entry.Outcome, entry.OrderNumber, entry.TrackingId));
        Assert.Equal((Envelope.ReceivedAt.UtcDateTime, Done, 12.5), (entry.ReceivedAt, entry.CompletedAt, entry.DurationMs));
    }

    [Fact]
    public void A_given_start_time_wins_over_the_envelopes()
    {
        var started = Done.AddSeconds(-3);

        var entry = JournalEntryFactory.Create(Envelope, JournalDirection.Outbound, JournalOutcomes.Delivered, Done, receivedAt: started);

        Assert.Equal(started, entry.ReceivedAt);
    }

    [Fact]
    public void Identifiers_keep_at_most_200_characters_and_longer_texts_at_most_2000()
    {
        var envelope = Envelope with { CorrelationId = new string('c', 5000), SourceAdapter = new string('s', 201) };

        var entry = JournalEntryFactory.Create(envelope, JournalDirection.Inbound, JournalOutcomes.Rejected, Done,
            orderNumber: new string('o', 300), route: new string('r', 2001), destination: new string('d', 2000), detail: new string('x', 10_000));

        Assert.Equal((200, 200, 200), (entry.CorrelationId.Length, entry.SourceAdapter.Length, entry.OrderNumber!.Length));
        Assert.Equal((2000, 2000, 2000), (entry.Route!.Length, entry.Destination!.Length, entry.Detail!.Length));
        Assert.Equal(new string('c', 200), entry.CorrelationId);
    }

    [Fact]
    public void Texts_within_their_limit_and_absent_texts_are_kept_as_they_are()
    {
        var entry = JournalEntryFactory.Create(Envelope, JournalDirection.Internal, JournalOutcomes.Handled, Done, detail: new string('x', 2000));

        Assert.Equal(2000, entry.Detail!.Length);
        Assert.Null(entry.OrderNumber);
        Assert.Null(entry.Route);
        Assert.Equal("", JournalEntryFactory.Truncate("", 5));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        // "ab" then an emoji (two UTF-16 units): a cut at 3 would leave half of it.
        var text = "ab\U0001F600cd";

        Assert.Equal("ab", JournalEntryFactory.Truncate(text, 3));
        Assert.Equal("ab\U0001F600", JournalEntryFactory.Truncate(text, 4));
    }
}
