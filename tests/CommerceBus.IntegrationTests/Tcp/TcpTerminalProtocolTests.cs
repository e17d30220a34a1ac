using System.Text;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>The terminal protocol of contracts/wire/legacy-tcp.md over real sockets: examples, re-sends, pipelining, NAK codes.</summary>
public sealed class TcpTerminalProtocolTests(TestHubFixture fixture) : IClassFixture<TestHubFixture>
{
    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Example_order_gets_an_ACK_reaches_Completed_and_a_resent_record_gets_the_same_tracking_id()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();

        await terminal.SendAsync(TcpTestHubExtensions.Asset("place-order.tcp"));
        var ack = await terminal.ReadReplyAsync();

        Assert.StartsWith("ACKA-1003      ", ack, StringComparison.Ordinal);
        Assert.Equal(51, ack.Length);
        var trackingId = TerminalRecords.TrackingIdOf(ack);
        var completed = await Eventually.MatchAsync(
            async () =>
            {
                await terminal.SendAsync(TcpTestHubExtensions.Asset("status.tcp"));
                return await terminal.ReadReplyAsync();
            },
            sts => sts.StartsWith("STS", StringComparison.Ordinal) && TerminalRecords.StatusOf(sts) is "Completed" or "Failed",
            "STA to report the example order finished");
        Assert.Equal("Completed", TerminalRecords.StatusOf(completed));
        Assert.Matches(@"^STSA-1003      Completed   \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", completed);

        await using var again = await Hub.ConnectTerminalAsync();
        await again.SendAsync(TcpTestHubExtensions.Asset("place-order.tcp"));
        Assert.Equal(ack, await again.ReadReplyAsync());
        Assert.Equal(trackingId, TerminalRecords.TrackingIdOf(ack));
    }

    [Fact]
    public async Task Record_resent_on_the_same_connection_gets_the_same_tracking_id_and_no_second_order()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var order = Orders.Valid();

        var first = await terminal.AskAsync(TerminalRecords.Ord(order));
        var again = await terminal.AskAsync(TerminalRecords.Ord(order));

        Assert.StartsWith("ACK", first, StringComparison.Ordinal);
        Assert.Equal(first, again);
        var entries = await Hub.JournalAsync(q => q.Where(e => e.OrderNumber == order.OrderNumber && e.MessageType == "PlaceOrder.v1" && e.SourceAdapter == "tcp"));
        Assert.Equal(2, entries.Count(e => e.Direction == Core.Journal.JournalDirection.Inbound));
        Assert.Single(entries, e => e.Outcome == Core.Journal.JournalOutcomes.Accepted);
    }

    [Fact]
    public async Task Pipelined_records_are_answered_in_request_order()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var a = Orders.Valid();
        var b = Orders.Valid();
        var unknown = Orders.NewNumber("U");

        // All records go out in one write before any reply is read; the hub reads ahead and answers in order.
        await terminal.SendRecordsAsync(
            TerminalRecords.Ord(a),
            TerminalRecords.Sta(a.OrderNumber!),
            TerminalRecords.Ord(b),
            "XYZ" + new string(' ', 12),
            TerminalRecords.Can(unknown, "why not"),
            TerminalRecords.Ord(a),
            TerminalRecords.Sta(b.OrderNumber!),
            TerminalRecords.Ord(a with { Currency = "XXX" }));
        var replies = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            replies.Add(await terminal.ReadReplyAsync());
        }

        Assert.Collection(
            replies,
            r => Assert.StartsWith("ACK" + a.OrderNumber, r, StringComparison.Ordinal),
            r => Assert.StartsWith("STS" + a.OrderNumber, r, StringComparison.Ordinal),
            r => Assert.StartsWith("ACK" + b.OrderNumber, r, StringComparison.Ordinal),
            r => Assert.Equal("E002", TerminalRecords.CodeOf(r)),
            r => Assert.Equal(("E004", unknown), (TerminalRecords.CodeOf(r), TerminalRecords.OrderNumberOf(r))),
            r => Assert.Equal(replies[0], r),
            r => Assert.StartsWith("STS" + b.OrderNumber, r, StringComparison.Ordinal),
            r => Assert.Equal(("E003", a.OrderNumber), (TerminalRecords.CodeOf(r), TerminalRecords.OrderNumberOf(r))));
    }

    public static TheoryData<string, string, string> MalformedRecords => new()
    {
        { "STA shorter than 15", "E001", "STA must be 15 characters long (was 6)" },
        { "ORD with fewer lines than its count", "E001", "ORD with 2 lines must be 180 characters long (was 154)" },
        { "unknown record type", "E002", "record type 'XYZ' is unknown" },
        { "quantity that is not digits", "E003", "lines[0].quantity: must be 4 digits (was '00X2')" },
        { "line count 21", "E003", "lines: the count must be 01-20 (was '21')" },
        { "line count 00", "E003", "lines: the count must be 01-20 (was '00')" },
        { "control byte in the name", "E003", "shipTo.name: byte 0x09 at position 37 is not printable ASCII" },
        { "currency not configured", "E003", "currency: must be one of EUR, USD, GBP, CNY, JPY (was 'XXX')" },
        { "region unknown", "E003", "region: must be EU, US or APAC (was 'MARS')" },
        { "STA of an unknown order", "E004", "is not known to the hub" },
        { "CAN of an unknown order", "E004", "is not known to the hub" },
        { "record longer than 4096", "E005", "record: longer than 4096 characters" },
    };

    [Theory]
    [MemberData(nameof(MalformedRecords))]
    public async Task Malformed_record_gets_its_NAK_code_and_the_connection_stays_usable(string situation, string code, string reason)
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var known = Orders.Valid();
        Assert.StartsWith("ACK", await terminal.AskAsync(TerminalRecords.Ord(known)), StringComparison.Ordinal);

        var nak = await terminal.AskAsync(Malformed(situation));

        Assert.StartsWith("NAK", nak, StringComparison.Ordinal);
        Assert.Equal(code, TerminalRecords.CodeOf(nak));
        Assert.Contains(reason, TerminalRecords.ReasonOf(nak), StringComparison.Ordinal);
        Assert.True(nak.Length <= 3 + 12 + 4 + 80, $"a NAK is at most 99 characters: {nak}");
        var status = await terminal.AskAsync(TerminalRecords.Sta(known.OrderNumber!));
        Assert.StartsWith("STS" + known.OrderNumber, status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_long_record_without_LF_is_answered_E005_once_and_the_next_record_is_answered()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var unknown = Orders.NewNumber("U");

        // The NAK comes when the limit is passed, long before the LF: the hub never buffers the whole record.
        await terminal.SendAsync(Encoding.ASCII.GetBytes(new string('A', 5000)));
        Assert.Equal("E005", TerminalRecords.CodeOf(await terminal.ReadReplyAsync()));
        await terminal.SendAsync(Encoding.ASCII.GetBytes(new string('B', 20000) + "\n" + TerminalRecords.Sta(unknown) + "\n"));

        var next = await terminal.ReadReplyAsync();
        Assert.Equal(("E004", unknown), (TerminalRecords.CodeOf(next), TerminalRecords.OrderNumberOf(next)));
    }

    [Fact]
    public async Task Record_of_exactly_4096_characters_is_not_too_long()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();

        var nak = await terminal.AskAsync("STA" + new string(' ', 4093));

        Assert.Equal("E001", TerminalRecords.CodeOf(nak));
    }

    [Fact]
    public async Task CR_before_LF_is_ignored()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var order = Orders.Valid();

        await terminal.SendAsync(Encoding.ASCII.GetBytes(TerminalRecords.Ord(order) + "\r\n" + TerminalRecords.Sta(order.OrderNumber!) + "\r\n"));

        Assert.StartsWith("ACK" + order.OrderNumber, await terminal.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("STS" + order.OrderNumber, await terminal.ReadReplyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_order_under_a_used_number_is_E003_naming_orderNumber_as_a_conflict()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var order = Orders.Valid();
        Assert.StartsWith("ACK", await terminal.AskAsync(TerminalRecords.Ord(order)), StringComparison.Ordinal);

        var nak = await terminal.AskAsync(TerminalRecords.Ord(order with { CustomerId = "C-43" }));

        Assert.Equal("E003", TerminalRecords.CodeOf(nak));
        Assert.Equal("orderNumber: conflict, already used by a different order", TerminalRecords.ReasonOf(nak));
    }

    private static string Malformed(string situation)
    {
        var order = Orders.Valid();
        var ord = TerminalRecords.Ord(order);
        return situation switch
        {
            "STA shorter than 15" => "STAA-1",
            "ORD with fewer lines than its count" => ord[..154],
            "unknown record type" => "XYZ" + ord[3..],
            "quantity that is not digits" => ord[..140] + "00X2" + ord[144..],
            "line count 21" => TerminalRecords.Ord(order with { Lines = [.. Enumerable.Repeat(order.Lines![0], 21)] }),
            "line count 00" => ord[..124] + "00" + ord[126..128],
            "control byte in the name" => ord[..36] + "\t" + ord[37..],
            "currency not configured" => TerminalRecords.Ord(order with { Currency = "XXX" }),
            "region unknown" => TerminalRecords.Ord(order with { Region = "MARS" }),
            "STA of an unknown order" => TerminalRecords.Sta(Orders.NewNumber("U")),
            "CAN of an unknown order" => TerminalRecords.Can(Orders.NewNumber("U"), "no reason"),
            "record longer than 4096" => new string('A', 5000),
            _ => throw new ArgumentOutOfRangeException(nameof(situation), situation, null),
        };
    }
}
