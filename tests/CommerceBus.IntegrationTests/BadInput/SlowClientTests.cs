using System.Net;
using System.Net.Sockets;
using System.Text;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Soap;
using CommerceBus.IntegrationTests.Tcp;
using Xunit;
using Xunit.Abstractions;

namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// Clients that are slow or vanish: slowloris headers and bodies stalled mid-request over HTTP, records stalled
/// mid-way over TCP, and connections reset in the middle of a request. The hub closes what it must, serves everyone
/// else meanwhile, and keeps nothing of a request it never fully received.
/// </summary>
public sealed class SlowClientTests(SlowClientTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<SlowClientTests.Fixture>
{
    private const int Connections = 20;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private TestHub Hub => fixture.Hub;

    [Fact]
    public async Task Slowloris_headers_are_cut_off_and_the_hub_serves_others_meanwhile()
    {
        var sockets = new List<Socket>();
        for (var i = 0; i < Connections; i++)
        {
            var socket = await ConnectAsync(Hub.BaseAddress.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-{i}: "), SocketFlags.None);
            sockets.Add(socket);
        }

        var trickling = sockets.Select(TrickleUntilClosedAsync).ToList();
        var order = Orders.Valid();
        using (var placed = await Hub.Http.PostAsync("/api/orders", Json(CanonicalJson.Serialize(order))))
        {
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        var closed = await Task.WhenAll(trickling);
        output.WriteLine($"{closed.Count(c => c)} of {Connections} slowloris connections closed by the hub (RequestHeadersTimeout 2 s)");
        Assert.All(closed, Assert.True);
        await HubAfterBadInput.AssertHealthyAsync(Hub);
        sockets.ForEach(s => s.Dispose());
    }

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/soap/OrderService")]
    public async Task Body_stalled_mid_request_is_dropped_without_a_server_error_and_nothing_is_accepted(string path)
    {
        var numbers = new List<string>();
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var order = Orders.Valid();
            numbers.Add(order.OrderNumber!);
            var body = Encoding.UTF8.GetBytes(Body(path, order));
            using var socket = await ConnectAsync(Hub.BaseAddress.Port);
            await socket.SendAsync(Head(path, body.Length), SocketFlags.None);
            await socket.SendAsync(body.AsMemory(0, body.Length / 2), SocketFlags.None);

            // Nothing more is sent: the hub must give up on the body (MinRequestBodyDataRate) and close, or answer 4xx.
            var answer = await ReadUntilClosedAsync(socket);
            Assert.True(answer is not null, $"the hub still waits for the rest of a body stalled {Deadline.TotalSeconds:0} s ago");
            answers.Add(answer.Split("\r\n")[0]);
            // A SOAP fault travels as HTTP 500 by the SOAP spec; it must be the client's fault, not a server error.
            var serverError = answer!.StartsWith("HTTP/1.1 5", StringComparison.Ordinal)
                && !(path.StartsWith("/soap", StringComparison.Ordinal) && answer.Contains("<faultcode>soap:Client</faultcode>", StringComparison.Ordinal));
            Assert.False(serverError, answer);
        }

        output.WriteLine($"stalled bodies on {path} ended with: {string.Join(" | ", answers.Select(a => a.Length == 0 ? "(closed)" : a))}");
        await AssertNoneAcceptedAsync(numbers);
    }

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/soap/OrderService")]
    public async Task Connection_reset_mid_request_leaves_nothing_behind(string path)
    {
        var numbers = new List<string>();
        for (var i = 0; i < Connections; i++)
        {
            var order = Orders.Valid();
            numbers.Add(order.OrderNumber!);
            var body = Encoding.UTF8.GetBytes(Body(path, order));
            var socket = await ConnectAsync(Hub.BaseAddress.Port);
            await socket.SendAsync(Head(path, body.Length), SocketFlags.None);
            await socket.SendAsync(body.AsMemory(0, 1 + (i * body.Length / Connections)), SocketFlags.None);
            Reset(socket);
        }

        await AssertNoneAcceptedAsync(numbers);
        var next = Orders.Valid();
        using var placed = await Hub.Http.PostAsync("/api/orders", Json(CanonicalJson.Serialize(next)));
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
    }

    [Fact]
    public async Task Terminal_stalled_mid_record_holds_up_no_one_and_its_record_completes_later()
    {
        var order = Orders.Valid();
        var record = Encoding.ASCII.GetBytes(TerminalRecords.Ord(order) + "\n");
        await using var stalled = await Hub.ConnectTerminalAsync();
        await stalled.SendAsync(record[..60]);

        await using (var other = await Hub.ConnectTerminalAsync())
        {
            Assert.Equal("E004", TerminalRecords.CodeOf(await other.AskAsync(TerminalRecords.Sta(Orders.NewNumber("U")))));
        }

        Assert.Null(await Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None));
        await stalled.SendAsync(record[60..]);
        Assert.StartsWith("ACK" + order.OrderNumber, await stalled.ReadReplyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminal_reset_mid_record_leaves_nothing_behind()
    {
        var numbers = new List<string>();
        for (var i = 0; i < Connections; i++)
        {
            var order = Orders.Valid();
            numbers.Add(order.OrderNumber!);
            var record = Encoding.ASCII.GetBytes(TerminalRecords.Ord(order));
            var terminal = await Hub.ConnectTerminalAsync();
            await terminal.SendAsync(record[..(1 + (i * (record.Length - 1) / Connections))]);
            Reset(terminal.Socket);
        }

        await AssertNoneAcceptedAsync(numbers);
        await using var next = await Hub.ConnectTerminalAsync();
        var valid = Orders.Valid();
        Assert.StartsWith("ACK" + valid.OrderNumber, await next.AskAsync(TerminalRecords.Ord(valid)), StringComparison.Ordinal);
    }

    private async Task AssertNoneAcceptedAsync(IEnumerable<string> numbers)
    {
        await HubAfterBadInput.AssertHealthyAsync(Hub);
        foreach (var number in numbers)
        {
            await SoapAssert.NothingAcceptedAsync(Hub, number);
        }
    }

    private static string Body(string path, Contracts.Orders.PlaceOrder order) => path.StartsWith("/soap", StringComparison.Ordinal)
        ? SoapMessages.Envelope(false, SoapMessages.PlaceOrder(order))
        : CanonicalJson.Serialize(order);

    private static byte[] Head(string path, int length) => Encoding.ASCII.GetBytes(
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n"
        + (path.StartsWith("/soap", StringComparison.Ordinal)
            ? $"Content-Type: text/xml; charset=utf-8\r\nSOAPAction: \"{SoapMessages.Action("PlaceOrder")}\"\r\n\r\n"
            : "Content-Type: application/json\r\n\r\n"));

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    /// <summary>Closes with a TCP reset (linger 0) rather than a FIN, as a crashed client or a dropped network does.</summary>
    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Sends one more header byte every 200 ms until the hub closes the connection; false if it never does.</summary>
    private static async Task<bool> TrickleUntilClosedAsync(Socket socket)
    {
        var closed = ReadUntilClosedAsync(socket);
        using var deadline = new CancellationTokenSource(Deadline);
        while (!closed.IsCompleted && !deadline.IsCancellationRequested)
        {
            try
            {
                await socket.SendAsync("a"u8.ToArray(), SocketFlags.None);
            }
            catch (SocketException)
            {
                break;
            }

            await Task.WhenAny(closed, Task.Delay(200, deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        }

        return await closed is not null;
    }

    /// <summary>Everything the hub sends until it closes the connection (FIN or reset); null if it is still open at the deadline.</summary>
    private static async Task<string?> ReadUntilClosedAsync(Socket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            // Reset by the hub: closed all the same.
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return text.ToString();
    }

    /// <summary>A hub that gives up on request headers after 2 s, so slowloris connections are cut off quickly.</summary>
    public sealed class Fixture : TestHubFixture
    {
        public override async Task InitializeAsync() => Started(await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:02",
        }));
    }
}
