using System.Net.Sockets;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Tcp;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Adapters.Tcp.Outbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoEndpoints.Shipping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The <c>tcp</c> connector against scripted endpoints and the demo shipping system, over real sockets: connection
/// reuse, reconnect, request/response matching, timeouts and technical failures.
/// </summary>
public sealed class TcpConnectorTests : IAsyncLifetime
{
    private readonly ScriptedEndpoint _endpoint = new();
    private readonly OwnedTcpConnectors _factory = new(new TcpAdapterOptions());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task Deliveries_one_after_another_reuse_one_connection()
    {
        _endpoint.Answer = (record, _) => [Booked(record)];
        var connector = Connector(_endpoint.Port);

        for (var i = 0; i < 3; i++)
        {
            var command = Command($"R-{i}");
            var booked = Assert.IsType<ShipmentBooked>((await connector.DeliverAsync(Message(command), CancellationToken.None)).Reply);
            Assert.Equal((command.TrackingId, command.OrderNumber, "TN-" + command.OrderNumber), (booked.TrackingId, booked.OrderNumber, booked.ShipmentTrackingNumber));
        }

        Assert.Equal(1, _endpoint.Connections);
    }

    [Fact]
    public async Task Replies_are_matched_to_requests_by_reference_even_out_of_order()
    {
        // The first request is answered only after the second, and second first: each delivery still gets its own reply.
        string? held = null;
        _endpoint.Answer = (record, _) =>
        {
            if (held is null)
            {
                held = record;
                return [];
            }

            return [Booked(record), Booked(held)];
        };
        var connector = Connector(_endpoint.Port, ("MaxConnections", "1"));
        var first = Command("FIRST");
        var second = Command("SECOND");

        var firstDelivery = connector.DeliverAsync(Message(first), CancellationToken.None);
        await Eventually(() => _endpoint.Received.Count == 1);
        var secondReply = await connector.DeliverAsync(Message(second), CancellationToken.None);
        var firstReply = await firstDelivery.WaitAsync(TerminalClient.Deadline);

        Assert.Equal("TN-FIRST", Assert.IsType<ShipmentBooked>(firstReply.Reply).ShipmentTrackingNumber);
        Assert.Equal("TN-SECOND", Assert.IsType<ShipmentBooked>(secondReply.Reply).ShipmentTrackingNumber);
        Assert.Equal(1, _endpoint.Connections);
    }

    [Fact]
    public async Task Reply_that_comes_after_its_timeout_is_dropped_and_does_not_answer_the_next_request()
    {
        string? late = null;
        _endpoint.Answer = (record, _) =>
        {
            if (late is null)
            {
                late = record;
                return [];
            }

            return [Booked(late), Booked(record)];
        };
        var connector = Connector(_endpoint.Port, ("TimeoutSeconds", "1"), ("MaxConnections", "1"));

        await Assert.ThrowsAsync<TimeoutException>(() => connector.DeliverAsync(Message(Command("SLOW")), CancellationToken.None));
        var next = await connector.DeliverAsync(Message(Command("NEXT")), CancellationToken.None);

        Assert.Equal("TN-NEXT", Assert.IsType<ShipmentBooked>(next.Reply).ShipmentTrackingNumber);
        Assert.Equal(1, _endpoint.Connections);
    }

    [Fact]
    public async Task Connection_closed_by_the_endpoint_is_replaced_and_the_command_sent_again_unchanged()
    {
        _endpoint.Answer = (record, connection) => connection == 1 ? null : [Booked(record)];
        var connector = Connector(_endpoint.Port);
        var command = Command("AGAIN");

        var result = await connector.DeliverAsync(Message(command), CancellationToken.None);

        Assert.Equal("TN-AGAIN", Assert.IsType<ShipmentBooked>(result.Reply).ShipmentTrackingNumber);
        Assert.Equal(2, _endpoint.Connections);
        var sent = _endpoint.Received.ToArray();
        Assert.Equal(2, sent.Length);
        Assert.Equal(sent[0].Record[11..], sent[1].Record[11..]);  // the same request, only the reference differs
    }

    [Fact]
    public async Task Error_record_is_a_technical_failure_the_hub_retries()
    {
        _endpoint.Answer = (record, _) => ["ERR" + record[3..11] + "disk full"];
        var connector = Connector(_endpoint.Port);

        var error = await Assert.ThrowsAsync<TcpEndpointException>(() => connector.DeliverAsync(Message(Command("E-1")), CancellationToken.None));

        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_that_is_down_is_a_technical_failure()
    {
        var port = Hosting.TestHub.FreeTcpPort();
        var connector = Connector(port);

        await Assert.ThrowsAnyAsync<SocketException>(() => connector.DeliverAsync(Message(Command("DOWN")), CancellationToken.None));
    }

    [Fact]
    public async Task Endpoint_that_stops_reading_fails_its_deliveries_within_the_write_timeout_while_another_endpoint_is_served()
    {
        // A megabyte per request: a dozen of them fill the kernel's socket buffers (a few MB on loopback) and the pipe.
        var options = new TcpAdapterOptions();
        options.Layouts[BuiltInLayouts.LegacyShipping].Records["BKS"].Length = 1_000_000;
        await using var factory = new OwnedTcpConnectors(options);
        await using var silent = new SilentEndpoint();
        var stuck = Connector(factory, silent.Port, ("WriteTimeoutSeconds", "1"), ("TimeoutSeconds", "5"), ("MaxConnections", "1"), ("MaxRecordBytes", "1048576"));
        _endpoint.Answer = (record, _) => [Booked(record)];
        var other = Connector(_endpoint.Port);

        var deliveries = Enumerable.Range(0, 12).Select(i => Failure(stuck.DeliverAsync(Message(Command($"STUCK-{i}")), CancellationToken.None))).ToArray();
        var booked = await other.DeliverAsync(Message(Command("OTHER")), CancellationToken.None).WaitAsync(TerminalClient.Deadline);

        // Each delivery ends within 2 x (WriteTimeout + Timeout) and a connect; without a write deadline the ones behind a
        // full socket would wait for as long as the endpoint stays silent.
        var failures = await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("TN-OTHER", Assert.IsType<ShipmentBooked>(booked.Reply).ShipmentTrackingNumber);
        Assert.All(failures, f => Assert.True(f is TimeoutException or ConnectionLostException, $"expected a timeout or a lost connection, got {f}"));
        Assert.Contains(failures, f => f is TimeoutException && f.Message.Contains("did not take the request within 1s", StringComparison.Ordinal));
        Assert.True(silent.Connections >= 1);
    }

    [Fact]
    public async Task Endpoint_that_never_accepts_fails_the_connect_and_the_delivery_waiting_behind_it_within_ConnectTimeoutSeconds()
    {
        // A listener that never accepts, with its accept queue full: the kernel drops further SYNs, so a connect hangs.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start(1);
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var filler = new Socket(SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(System.Net.IPAddress.Loopback, port).ContinueWith(t => t.Exception, TaskScheduler.Default);
            }

            var connector = Connector(port, ("ConnectTimeoutSeconds", "1"), ("MaxConnections", "1"));

            var first = Failure(connector.DeliverAsync(Message(Command("NOACCEPT-1")), CancellationToken.None));
            var second = Failure(connector.DeliverAsync(Message(Command("NOACCEPT-2")), CancellationToken.None));

            // Each waits at most twice ConnectTimeout (behind the other's connect, then its own); without the connect
            // deadline they would wait for the kernel's SYN retries (about two minutes).
            var failures = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(failures, f => Assert.IsType<TimeoutException>(f));
            Assert.All(failures, f => Assert.Contains("ConnectTimeoutSeconds", f.Message, StringComparison.Ordinal));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData("Port", "", "Port is missing")]
    [InlineData("Port", "70000", "Port must be a whole number from 1 to 65535")]
    [InlineData("TimeoutSeconds", "soon", "TimeoutSeconds must be a whole number")]
    [InlineData("Layout", "nope", "Layout 'nope' is not a layout set")]
    public void Unusable_setting_fails_the_start_naming_it(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Connector(_endpoint.Port, (key, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_shipping_system_books_once_per_order_however_often_the_hub_retries_and_refuses_postal_code_00000()
    {
        var desk = new ShippingDesk();
        var server = new ShippingTcpServer(desk, Options.Create(new ShippingServerOptions { Port = 0 }), NullLogger<ShippingTcpServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        try
        {
            var connector = Connector(server.EndPoint!.Port);
            var command = Command("SHIP-1");

            var first = Assert.IsType<ShipmentBooked>((await connector.DeliverAsync(Message(command), CancellationToken.None)).Reply);
            var retry = Assert.IsType<ShipmentBooked>((await connector.DeliverAsync(Message(command), CancellationToken.None)).Reply);
            var refused = Assert.IsType<ShipmentRefused>((await connector.DeliverAsync(Message(Command("SHIP-2", "00000")), CancellationToken.None)).Reply);

            Assert.Equal(first, retry);
            Assert.Single(desk.Shipments);
            Assert.Equal(desk.Shipments["SHIP-1"], first.ShipmentTrackingNumber);
            Assert.Equal("SHIP-2", refused.OrderNumber);
            Assert.Contains("postal code 00000", refused.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }

    private IEndpointConnector Connector(int port, params (string Key, string Value)[] overrides) => Connector(_factory, port, overrides);

    private static IEndpointConnector Connector(OwnedTcpConnectors factory, int port, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:shipping:Connector"] = "tcp",
            ["Endpoints:shipping:Host"] = "127.0.0.1",
            ["Endpoints:shipping:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Endpoints:shipping:TimeoutSeconds"] = "30",
        };
        foreach (var (key, value) in overrides)
        {
            settings[$"Endpoints:shipping:{key}"] = value;
        }

        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Endpoints:shipping");
        return factory.Create("shipping", section);
    }

    private static BookShipment Command(string orderNumber, string postalCode = "NW1 2DB") => new(
        Guid.NewGuid(),
        orderNumber,
        new ShippingAddress("Ada Lovelace", "12 Analytical Way", "London", postalCode, "GB"),
        [new FulfillmentLine("BOOK-001", 2, 19.99m), new FulfillmentLine("PEN-777", 1, 3.50m)]);

    private static OutboundMessage Message(BookShipment command) => new()
    {
        Endpoint = "shipping",
        Command = command,
        Envelope = new MessageEnvelope { MessageId = Guid.NewGuid(), MessageType = "BookShipment.v1" },
        InstanceId = command.TrackingId,
        IdempotencyKey = $"{command.TrackingId}:BookShipment.v1",
    };

    /// <summary>A BKD for a BKS record, whose tracking number names the order: "TN-" + orderNumber.</summary>
    private static string Booked(string bks)
    {
        var orderNumber = bks.Substring(47, 12).TrimEnd();
        return "BKD" + bks[3..11] + orderNumber.PadRight(12) + ("TN-" + orderNumber).PadRight(20);
    }

    /// <summary>The exception the delivery ended with; a delivery that succeeded is a test failure.</summary>
    private static async Task<Exception> Failure(Task<DeliveryResult> delivery)
    {
        try
        {
            var result = await delivery;
            throw new Xunit.Sdk.XunitException($"the delivery to a silent endpoint succeeded: {result.Detail}");
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            return ex;
        }
    }

    private static Task Eventually(Func<bool> condition) =>
        CommerceBus.Conformance.Eventually.MatchAsync(() => Task.FromResult(condition()), x => x, "the endpoint to receive the request");
}
