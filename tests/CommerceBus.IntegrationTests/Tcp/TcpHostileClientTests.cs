using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using CommerceBus.Conformance;
using CommerceBus.IntegrationTests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// Hostile and broken clients: too many connections, silence, slow senders, half-closed and never-reading clients,
/// random bytes. The adapter answers or closes cleanly, its memory stays bounded, and the hub keeps serving others.
/// </summary>
public sealed class TcpHostileClientTests(TcpHostileHubFixture fixture, ITestOutputHelper output) : IClassFixture<TcpHostileHubFixture>
{
    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Connection_beyond_the_limit_is_closed_and_the_others_keep_working()
    {
        var endPoint = Hub.TerminalEndPoint(TcpHostileHubFixture.Limited);
        var refusedBefore = Hub.TcpAdapter().ConnectionsOf(TcpHostileHubFixture.Limited).Refused;
        var open = new List<TerminalClient>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await TerminalClient.ConnectAsync(endPoint));
            Assert.Equal("E004", TerminalRecords.CodeOf(await open[i].AskAsync(TerminalRecords.Sta(Orders.NewNumber("U")))));
        }

        await using (var fourth = await TerminalClient.ConnectAsync(endPoint))
        {
            await fourth.SendRecordsAsync(TerminalRecords.Sta(Orders.NewNumber("U")));
            Assert.Empty(await fourth.ReadUntilClosedAsync());
        }

        Assert.True(Hub.TcpAdapter().ConnectionsOf(TcpHostileHubFixture.Limited).Refused > refusedBefore);
        Assert.Equal("E004", TerminalRecords.CodeOf(await open[0].AskAsync(TerminalRecords.Sta(Orders.NewNumber("U")))));

        // A freed slot serves the next terminal (the server notices the close asynchronously, hence the retry).
        await open[0].DisposeAsync();
        var reply = await Eventually.MatchAsync(async () =>
        {
            await using var next = await TerminalClient.ConnectAsync(endPoint);
            await next.SendRecordsAsync(TerminalRecords.Sta(Orders.NewNumber("U")));
            return await next.TryReadReplyAsync();
        }, r => r is not null, "a new connection to be served after one closed");
        Assert.Equal("E004", TerminalRecords.CodeOf(reply!));

        foreach (var client in open.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Idle_connection_is_closed_after_the_idle_timeout()
    {
        await using var terminal = await Hub.ConnectTerminalAsync(TcpHostileHubFixture.Impatient);
        var watch = Stopwatch.StartNew();

        Assert.Empty(await terminal.ReadUntilClosedAsync());

        output.WriteLine($"closed after {watch.ElapsedMilliseconds} ms (IdleTimeout 1 s)");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"closed too early: {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Slow_sender_that_trickles_a_record_is_closed_after_the_record_timeout()
    {
        await using var terminal = await Hub.ConnectTerminalAsync(TcpHostileHubFixture.SlowRecords);
        var closed = terminal.ReadUntilClosedAsync();
        var watch = Stopwatch.StartNew();

        // One byte every 100 ms never completes the record, and never lets the connection go idle either.
        var trickled = 0;
        while (!closed.IsCompleted && watch.Elapsed < TerminalClient.Deadline)
        {
            try
            {
                await terminal.Socket.SendAsync(new[] { (byte)'O' }, SocketFlags.None);
                trickled++;
            }
            catch (SocketException)
            {
                break;  // reset by the hub
            }

            await Task.WhenAny(closed, Task.Delay(100));
        }

        Assert.Empty(await closed.WaitAsync(TerminalClient.Deadline));
        output.WriteLine($"closed after {watch.ElapsedMilliseconds} ms and {trickled} bytes (RecordTimeout 1 s)");
    }

    [Fact]
    public async Task Half_closed_client_gets_every_reply_then_the_connection_closes()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var order = Orders.Valid();

        await terminal.SendRecordsAsync(TerminalRecords.Ord(order), TerminalRecords.Sta(order.OrderNumber!), "XYZ");
        terminal.ShutdownSend();

        var replies = await terminal.ReadUntilClosedAsync();
        Assert.Collection(
            replies,
            r => Assert.StartsWith("ACK" + order.OrderNumber, r, StringComparison.Ordinal),
            r => Assert.StartsWith("STS" + order.OrderNumber, r, StringComparison.Ordinal),
            r => Assert.Equal("E002", TerminalRecords.CodeOf(r)));
    }

    [Fact]
    public async Task Random_bytes_get_NAKs_and_the_connection_stays_usable()
    {
        await using var terminal = await Hub.ConnectTerminalAsync();
        var noise = new byte[64 * 1024];
        new Random(20261123).NextBytes(noise);
        var unknown = Orders.NewNumber("U");

        await terminal.SendAsync(noise);
        await terminal.SendAsync(Encoding.ASCII.GetBytes("\n" + TerminalRecords.Sta(unknown) + "\n"));

        var naks = new List<string>();
        while (await terminal.ReadReplyAsync() is var reply && TerminalRecords.OrderNumberOf(reply) != unknown)
        {
            naks.Add(reply);
        }

        output.WriteLine($"{naks.Count} NAKs for 64 KiB of noise: {string.Join(", ", naks.GroupBy(TerminalRecords.CodeOf).Select(g => $"{g.Key} x{g.Count()}"))}");
        Assert.NotEmpty(naks);
        Assert.All(naks, n => Assert.Matches("^NAK.{12}E00[1235]", n));
    }

    [Fact]
    public async Task Client_that_never_reads_is_held_back_with_bounded_buffers_and_others_are_still_served()
    {
        var (terminal, sent, outcome) = await FloodWithoutReadingAsync(TcpHostileHubFixture.Stalled);
        await using (terminal)
        {
            output.WriteLine($"the hub stopped taking bytes after {sent / 1024} KiB ({outcome})");
            Assert.Equal("stalled", outcome);
            Assert.True(sent < MaxTaken, $"the hub took {sent} bytes from a client that reads nothing");
            Assert.Equal(1, Hub.TcpAdapter().ConnectionsOf(TcpHostileHubFixture.Stalled).Open);

            await using var other = await Hub.ConnectTerminalAsync(TcpHostileHubFixture.Stalled);
            Assert.Equal("E004", TerminalRecords.CodeOf(await other.AskAsync(TerminalRecords.Sta(Orders.NewNumber("U")))));
        }
    }

    [Fact]
    public async Task Client_that_never_reads_is_disconnected_after_the_write_timeout()
    {
        var (terminal, sent, outcome) = await FloodWithoutReadingAsync(TcpHostileHubFixture.Impatient);
        await using (terminal)
        {
            output.WriteLine($"sent {sent / 1024} KiB before {outcome}");
            Assert.True(sent < MaxTaken, $"the hub took {sent} bytes from a client that reads nothing");

            // Still reading nothing: only the write timeout can end this connection (the reader waits on the queue, not on the socket).
            await Eventually.MatchAsync(() => Task.FromResult(Hub.TcpAdapter().ConnectionsOf(TcpHostileHubFixture.Impatient).Open), n => n == 0, "the stalled connection to be closed");
        }
    }

    // Kernel socket buffers (autotuned, up to tens of MiB on Linux) are outside the hub's control; the hub's own
    // buffers are a few KiB per connection here. What matters is that the intake stops at all.
    private const long MaxTaken = 128L * 1024 * 1024;

    /// <summary>
    /// Sends 64 KiB batches of records that need no hub (unknown type) and never reads a reply. Returns the bytes the
    /// hub took before a send made no progress for 5 s ("stalled") or the hub reset the connection ("reset").
    /// </summary>
    private async Task<(TerminalClient Terminal, long Sent, string Outcome)> FloodWithoutReadingAsync(string listener)
    {
        // Small socket buffers on our side, so the stall shows the hub's buffers rather than ours.
        var terminal = await TerminalClient.ConnectAsync(Hub.TerminalEndPoint(listener), s =>
        {
            s.ReceiveBufferSize = 4096;
            s.SendBufferSize = 4096;
        });
        var batch = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("XYZ" + new string(' ', 12) + "\n", 4096)));
        long sent = 0;
        var outcome = "not stopped";
        while (sent < 4 * MaxTaken)
        {
            using var progress = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                sent += await terminal.Socket.SendAsync(batch, SocketFlags.None, progress.Token);
            }
            catch (OperationCanceledException)
            {
                outcome = "stalled";
                break;
            }
            catch (SocketException ex)
            {
                outcome = $"reset ({ex.SocketErrorCode})";
                break;
            }
        }

        return (terminal, sent, outcome);
    }
}
