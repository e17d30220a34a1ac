using CommerceBus.Abstractions.Envelope;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Orders;
using Xunit;

namespace CommerceBus.UnitTests.Envelope;

public sealed class EnvelopeCodecTests
{
    private static readonly DateTimeOffset Accepted = new(2026, 12, 1, 20, 15, 30, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Accepted.AddMinutes(5);

    private static readonly MessageEnvelope Envelope = new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = "flow-42",
        CausationId = Guid.NewGuid(),
        SourceAdapter = "rest",
        MessageType = "PlaceOrder.v1",
        ReceivedAt = Accepted,
        Headers = new Dictionary<string, string> { ["X-Channel"] = "web", ["X-Region"] = "EU" },
    };

    [Fact]
    public void An_envelope_written_to_headers_reads_back_equal_with_the_ids_the_transport_carries()
    {
        var headers = ToTransport(EnvelopeCodec.ToHeaders(Envelope));

        var read = EnvelopeCodec.FromHeaders(headers, new EnvelopeFallback(Envelope.MessageId, Envelope.CausationId, null, null, Now));

        Assert.Equal(Envelope with { Headers = read.Headers }, read);
        Assert.Equal(Envelope.Headers.OrderBy(h => h.Key), read.Headers.OrderBy(h => h.Key));
    }

    [Fact]
    public void Headers_name_the_correlation_id_source_type_time_and_prefixed_client_headers_only()
    {
        var headers = EnvelopeCodec.ToHeaders(Envelope);

        Assert.Equal("flow-42", headers[EnvelopeHeaders.CorrelationId]);
        Assert.Equal("rest", headers[EnvelopeHeaders.SourceAdapter]);
        Assert.Equal("PlaceOrder.v1", headers[EnvelopeHeaders.MessageType]);
        Assert.Equal("2026-12-01T20:15:30.1230000+00:00", headers[EnvelopeHeaders.ReceivedAt]);
        Assert.Equal("web", headers[EnvelopeHeaders.ClientHeaderPrefix + "X-Channel"]);
        Assert.Equal(6, headers.Count);
    }

    [Fact]
    public void Missing_headers_take_the_transports_ids_the_body_type_and_the_arrival_time()
    {
        var messageId = Guid.NewGuid();
        var conversation = Guid.NewGuid();

        var read = EnvelopeCodec.FromHeaders([], new EnvelopeFallback(messageId, null, conversation.ToString(), "ReserveStock.v1", Now));

        Assert.Equal(messageId, read.MessageId);
        Assert.Equal(conversation.ToString(), read.CorrelationId);
        Assert.Equal(EnvelopeCodec.BusSource, read.SourceAdapter);
        Assert.Equal("ReserveStock.v1", read.MessageType);
        Assert.Equal(Now, read.ReceivedAt);
        Assert.Empty(read.Headers);
    }

    [Fact]
    public void Without_a_correlation_header_or_conversation_the_message_id_is_the_flow_id()
    {
        var messageId = Guid.NewGuid();

        var read = EnvelopeCodec.FromHeaders([new(EnvelopeHeaders.CorrelationId, "  ")], new EnvelopeFallback(messageId, null, null, "ReserveStock.v1", Now));

        Assert.Equal(messageId.ToString(), read.CorrelationId);
    }

    [Fact]
    public void A_garbled_received_at_header_is_a_format_error_naming_the_header_and_value()
    {
        KeyValuePair<string, object>[] headers = [new(EnvelopeHeaders.ReceivedAt, "yesterday-ish")];

        var error = Assert.Throws<EnvelopeFormatException>(() => EnvelopeCodec.FromHeaders(headers, new EnvelopeFallback(Guid.NewGuid(), null, null, "PlaceOrder.v1", Now)));

        Assert.Contains(EnvelopeHeaders.ReceivedAt, error.Message, StringComparison.Ordinal);
        Assert.Contains("yesterday-ish", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_with_no_type_header_and_no_known_body_type_is_a_format_error()
    {
        var error = Assert.Throws<EnvelopeFormatException>(() => EnvelopeCodec.FromHeaders([], new EnvelopeFallback(Guid.NewGuid(), null, null, null, Now)));

        Assert.Contains(EnvelopeHeaders.MessageType, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_values_another_publisher_set_as_numbers_or_guids_read_as_text()
    {
        var id = Guid.NewGuid();
        KeyValuePair<string, object>[] headers = [new(EnvelopeHeaders.CorrelationId, id), new(EnvelopeHeaders.ClientHeaderPrefix + "X-Amount", 1000)];

        var read = EnvelopeCodec.FromHeaders(headers, new EnvelopeFallback(Guid.NewGuid(), null, null, "PlaceOrder.v1", Now));

        Assert.Equal(id.ToString(), read.CorrelationId);
        Assert.Equal("1000", read.Headers["x-amount"]);
    }

    [Fact]
    public void Flow_headers_keep_the_correlation_id_source_and_client_headers_and_drop_the_rest()
    {
        var all = ToTransport(EnvelopeCodec.ToHeaders(Envelope)).Append(new("MT-Activity-Id", "abc")).Append(new("Other", "x"));

        var flow = EnvelopeCodec.FlowHeadersOf(all);

        Assert.Equal(
            [EnvelopeHeaders.CorrelationId, EnvelopeHeaders.ClientHeaderPrefix + "X-Channel", EnvelopeHeaders.ClientHeaderPrefix + "X-Region", EnvelopeHeaders.SourceAdapter],
            flow.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("flow-42", EnvelopeCodec.CorrelationIdOf(flow));
        Assert.Equal("flow-42", EnvelopeCodec.CorrelationIdOf(all));
    }

    [Fact]
    public void Stored_headers_round_trip_and_a_row_without_headers_has_none()
    {
        var headers = EnvelopeCodec.ToHeaders(Envelope);

        Assert.Equal(headers, EnvelopeCodec.Deserialize(EnvelopeCodec.Serialize(headers)));
        Assert.Empty(EnvelopeCodec.Deserialize(null));
        Assert.Empty(EnvelopeCodec.Deserialize(""));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":{\"b\":1}}")]
    [InlineData("null")]
    public void Garbled_stored_headers_are_a_format_error_not_a_crash(string stored)
    {
        var error = Assert.Throws<EnvelopeFormatException>(() => EnvelopeCodec.Deserialize(stored));

        Assert.Contains("JSON object of strings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inbound_message_without_ids_gets_one_new_id_as_message_and_correlation_id()
    {
        var message = new InboundMessage { Command = new PlaceOrder { OrderNumber = "A-1" }, SourceAdapter = "tcp", Headers = new Dictionary<string, string> { ["X-A"] = "1" } };

        var envelope = EnvelopeCodec.FromInbound(message, Now);

        Assert.NotEqual(Guid.Empty, envelope.MessageId);
        Assert.Equal(envelope.MessageId.ToString(), envelope.CorrelationId);
        Assert.Equal(("tcp", "PlaceOrder.v1", Now), (envelope.SourceAdapter, envelope.MessageType, envelope.ReceivedAt));
        Assert.Same(message.Headers, envelope.Headers);
    }

    [Fact]
    public void An_inbound_message_keeps_the_clients_message_and_correlation_ids()
    {
        var id = Guid.NewGuid();
        var message = new InboundMessage { Command = new PlaceOrder { OrderNumber = "A-1" }, SourceAdapter = "amqp:billing", MessageId = id, CorrelationId = "corr-7" };

        var envelope = EnvelopeCodec.FromInbound(message, Now);

        Assert.Equal((id, "corr-7"), (envelope.MessageId, envelope.CorrelationId));
    }

    private static IEnumerable<KeyValuePair<string, object>> ToTransport(Dictionary<string, string> headers) =>
        headers.Select(h => new KeyValuePair<string, object>(h.Key, h.Value));
}
