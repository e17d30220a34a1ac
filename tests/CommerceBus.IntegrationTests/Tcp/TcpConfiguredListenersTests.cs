using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>Listeners and layouts made by configuration alone: JSON lines, length-prefixed framing, a layout of its own, an added record type.</summary>
public sealed class TcpConfiguredListenersTests(TcpConfiguredListenersFixture fixture) : IClassFixture<TcpConfiguredListenersFixture>
{
    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Json_lines_listener_accepts_an_order_answers_in_JSON_and_resends_are_idempotent()
    {
        await using var terminal = await Hub.ConnectTerminalAsync(TcpConfiguredListenersFixture.Json);
        var order = Orders.Valid();
        var record = JsonSerializer.SerializeToNode(order, CanonicalJson.Options)!.AsObject();
        record.Insert(0, "type", "ORD");

        var ack = await AskJsonAsync(terminal, record.ToJsonString());
        var again = await AskJsonAsync(terminal, record.ToJsonString());
        var status = await AskJsonAsync(terminal, $$"""{"type":"STA","orderNumber":"{{order.OrderNumber}}"}""");

        Assert.Equal("ACK", (string?)ack["type"]);
        Assert.Equal(order.OrderNumber, (string?)ack["orderNumber"]);
        Assert.Equal((Guid)ack["trackingId"]!, (Guid)again["trackingId"]!);
        Assert.Equal("STS", (string?)status["type"]);
        Assert.NotNull((string?)status["status"]);
        Assert.NotNull((DateTimeOffset?)status["updatedAt"]);
    }

    [Fact]
    public async Task Json_lines_listener_names_every_bad_field_and_refuses_what_it_cannot_read()
    {
        await using var terminal = await Hub.ConnectTerminalAsync(TcpConfiguredListenersFixture.Json);
        var bad = JsonSerializer.SerializeToNode(Orders.Valid() with { Currency = "XXX", Region = "MARS" }, CanonicalJson.Options)!.AsObject();
        bad["type"] = "ORD";
        bad["lines"]![0]!["quantity"] = "two";

        var invalid = await AskJsonAsync(terminal, bad.ToJsonString());
        var broken = await AskJsonAsync(terminal, """{"type":"ORD","orderNumber":""");
        var untyped = await AskJsonAsync(terminal, """{"orderNumber":"A-1"}""");

        Assert.Equal(("NAK", "E003"), ((string?)invalid["type"], (string?)invalid["code"]));
        Assert.Equal(
            ["currency", "lines[0].quantity", "region"],
            invalid["errors"]!.AsArray().Select(e => (string)e!["field"]!).Order(StringComparer.Ordinal));
        Assert.Equal("E003", (string?)broken["code"]);
        Assert.StartsWith("$:", (string?)broken["reason"], StringComparison.Ordinal);
        Assert.Equal("E002", (string?)untyped["code"]);
        Assert.Equal("A-1", (string?)untyped["orderNumber"]);
    }

    [Fact]
    public async Task Length_prefixed_listener_frames_replies_the_same_way_and_skips_an_over_long_record()
    {
        await using var terminal = await Hub.ConnectTerminalAsync(TcpConfiguredListenersFixture.Prefixed);
        var order = Orders.Valid();

        await terminal.SendAsync([.. Framed(TerminalRecords.Ord(order)), .. Framed(new string('A', 5000)), .. Framed(TerminalRecords.Sta(order.OrderNumber!))]);

        Assert.StartsWith("ACK" + order.OrderNumber, await ReadFramedAsync(terminal), StringComparison.Ordinal);
        Assert.Equal("E005", TerminalRecords.CodeOf(await ReadFramedAsync(terminal)));
        Assert.StartsWith("STS" + order.OrderNumber, await ReadFramedAsync(terminal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listener_with_a_layout_from_configuration_reads_and_answers_in_that_layout()
    {
        await using var terminal = await Hub.ConnectTerminalAsync(TcpConfiguredListenersFixture.Custom);
        var order = Orders.Valid();
        var po = string.Concat(
            "PO", Pad(order.OrderNumber, 12), Pad(order.CustomerId, 10), Pad(order.Currency, 3), Pad(order.Region, 4),
            Pad(order.ShipTo!.Name, 30), Pad(order.ShipTo.Street, 30), Pad(order.ShipTo.City, 20), Pad(order.ShipTo.PostalCode, 10), Pad(order.ShipTo.Country, 2),
            "01", Pad("BOOK-001", 12), "002", "01999");

        var ok = await terminal.AskAsync(po);
        var status = await terminal.AskAsync("SQ" + Pad(order.OrderNumber, 12));
        var wrongLength = await terminal.AskAsync("SQ" + order.OrderNumber + "   ");
        var contractRecord = await terminal.AskAsync(TerminalRecords.Sta(order.OrderNumber!));

        Assert.Matches($"^OK{order.OrderNumber}[0-9a-f-]{{36}}$", ok);
        Assert.StartsWith("ST" + order.OrderNumber, status, StringComparison.Ordinal);
        Assert.Equal(46, status.Length);
        Assert.StartsWith("NO" + Pad(order.OrderNumber, 12) + "E001", wrongLength, StringComparison.Ordinal);
        Assert.Equal("E002", contractRecord.Substring(14, 4));
    }

    [Fact]
    public async Task Record_type_added_to_the_built_in_layout_is_answered_beside_the_contract_records()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var order = Orders.Valid();
        Assert.StartsWith("ACK", await terminal.AskAsync(TerminalRecords.Ord(order)), StringComparison.Ordinal);

        var status = await terminal.AskAsync("QRY" + Pad(order.OrderNumber, 12) + new string(' ', 10));

        Assert.StartsWith("STS" + order.OrderNumber, status, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> AskJsonAsync(TerminalClient terminal, string line) =>
        JsonNode.Parse(await terminal.AskAsync(line))!.AsObject();

    private static byte[] Framed(string record)
    {
        var bytes = new byte[2 + record.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)record.Length);
        Encoding.ASCII.GetBytes(record, bytes.AsSpan(2));
        return bytes;
    }

    private static async Task<string> ReadFramedAsync(TerminalClient terminal)
    {
        var prefix = await ReadExactlyAsync(terminal, 2);
        return Encoding.ASCII.GetString(await ReadExactlyAsync(terminal, BinaryPrimitives.ReadUInt16BigEndian(prefix)));
    }

    private static async Task<byte[]> ReadExactlyAsync(TerminalClient terminal, int count)
    {
        var buffer = new byte[count];
        using var deadline = new CancellationTokenSource(TerminalClient.Deadline);
        for (var read = 0; read < count;)
        {
            var n = await terminal.Socket.ReceiveAsync(buffer.AsMemory(read), System.Net.Sockets.SocketFlags.None, deadline.Token);
            Assert.True(n > 0, "the connection ended inside a framed reply");
            read += n;
        }

        return buffer;
    }

    private static string Pad(string? value, int length) => (value ?? "").PadRight(length)[..length];
}
