using System.Net;
using System.Text;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Soap.Faults;
using CommerceBus.Adapters.Soap.Outbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoContracts.LegacyErp;
using Xunit;

namespace CommerceBus.UnitTests.Adapters.Soap;

/// <summary>How the soap connector, speaking the demo legacy ERP contract, turns the ERP's answers, faults and silences into replies and exceptions.</summary>
public sealed class LegacyErpConnectorTests
{
    private const string Erp = "urn:commercebus:demo:legacy-erp:v1";
    private static readonly BookOrder Book = new(Guid.NewGuid(), "A-1", "C-42", "EU", "EUR", 39.98m, [new("BOOK-001", 2, 19.99m)]);

    [Fact]
    public async Task Booking_answer_is_OrderBooked_and_the_request_carries_SOAP_11_headers_and_the_key()
    {
        HttpRequestMessage? sent = null;
        string? body = null;
        var connector = Connector(SoapVersion.Soap11, async request =>
        {
            sent = request;
            body = await request.Content!.ReadAsStringAsync();
            return Soap(HttpStatusCode.OK, $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><BookOrderResponse xmlns=\"{Erp}\"><BookOrderResult><BookingId>ERP-EU-000007</BookingId><Erp>ERP-EU</Erp></BookOrderResult></BookOrderResponse></s:Body></s:Envelope>");
        });

        var result = await connector.DeliverAsync(Message(Book), CancellationToken.None);

        Assert.Equal(new OrderBooked(Book.TrackingId, "A-1", "ERP-EU-000007", "ERP-EU"), result.Reply);
        Assert.Equal("text/xml", sent!.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("\"urn:commercebus:demo:legacy-erp:v1/BookOrder\"", sent.Headers.GetValues("SOAPAction").Single());
        Assert.Contains("<erp:IdempotencyKey>key-1</erp:IdempotencyKey>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Soap12_request_carries_the_action_in_the_content_type()
    {
        HttpRequestMessage? sent = null;
        var connector = Connector(SoapVersion.Soap12, request =>
        {
            sent = request;
            return Task.FromResult(Soap(HttpStatusCode.OK, $"<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><CancelBookingResponse xmlns=\"{Erp}\"><CancelBookingResult><BookingId>B-1</BookingId><Cancelled>true</Cancelled></CancelBookingResult></CancelBookingResponse></s:Body></s:Envelope>"));
        });

        var result = await connector.DeliverAsync(Message(new CancelBooking(Book.TrackingId, "A-1", "EU", "B-1")), CancellationToken.None);

        Assert.Equal(new BookingCancelled(Book.TrackingId, "A-1", "B-1"), result.Reply);
        Assert.Equal("application/soap+xml", sent!.Content!.Headers.ContentType!.MediaType);
        Assert.Contains(sent.Content.Headers.ContentType.Parameters, p => p.Name == "action" && p.Value == "\"urn:commercebus:demo:legacy-erp:v1/CancelBooking\"");
        Assert.False(sent.Headers.Contains("SOAPAction"));
    }

    [Fact]
    public async Task Client_fault_is_a_BookingRefused_reply_with_the_ERPs_reason()
    {
        var connector = Connector(SoapVersion.Soap11, _ => Task.FromResult(Soap(HttpStatusCode.InternalServerError,
            $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>refused</faultstring><detail><BookingRefused xmlns=\"{Erp}\"><Erp>ERP-EU</Erp><Reason>ERP-EU refused the booking: customer ERRERP1 cannot be booked</Reason></BookingRefused></detail></s:Fault></s:Body></s:Envelope>")));

        var result = await connector.DeliverAsync(Message(Book), CancellationToken.None);

        Assert.Equal(new BookingRefused(Book.TrackingId, "A-1", "ERP-EU refused the booking: customer ERRERP1 cannot be booked"), result.Reply);
    }

    [Fact]
    public async Task Server_fault_is_thrown_so_the_hub_retries()
    {
        var connector = Connector(SoapVersion.Soap11, _ => Task.FromResult(Soap(HttpStatusCode.InternalServerError,
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>database down</faultstring></s:Fault></s:Body></s:Envelope>")));

        var error = await Assert.ThrowsAsync<SoapEndpointFaultException>(() => connector.DeliverAsync(Message(Book), CancellationToken.None));

        Assert.Equal(SoapFaultCode.Receiver, error.Code);
        Assert.Contains("database down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_without_a_SOAP_envelope_is_thrown_naming_the_HTTP_status()
    {
        var connector = Connector(SoapVersion.Soap11, _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("busy") }));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.DeliverAsync(Message(Book), CancellationToken.None));

        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_past_the_timeout_is_a_TimeoutException()
    {
        // The ERP never answers: only the connector's own timeout ends the wait.
        var connector = Connector(SoapVersion.Soap11, async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Soap(HttpStatusCode.OK, "");
        }, timeoutSeconds: 1);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => connector.DeliverAsync(Message(Book), CancellationToken.None));

        Assert.Contains("within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erp_that_takes_the_connection_and_never_answers_fails_within_TimeoutSeconds()
    {
        // A real socket: the kernel completes the connection in the listener's backlog, and nobody ever reads or answers.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var connector = new SoapEndpointConnector(
                "erp-eu",
                new SoapConnectorSettings(new Uri($"http://127.0.0.1:{port}/LegacyErp/BookingService"), TimeSpan.FromSeconds(1), SoapVersion.Soap11, 1024 * 1024, LegacyErpSoapContract.Name),
                new LegacyErpSoapContract(),
                () => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

            var error = await Assert.ThrowsAsync<TimeoutException>(() => connector.DeliverAsync(Message(Book), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Body_that_is_not_the_operations_result_is_thrown_naming_what_came()
    {
        var connector = Connector(SoapVersion.Soap11, _ => Task.FromResult(Soap(HttpStatusCode.OK,
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Other/></s:Body></s:Envelope>")));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.DeliverAsync(Message(Book), CancellationToken.None));

        Assert.Contains("BookOrderResponse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_the_ERP_does_not_take_is_not_supported() =>
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            Connector(SoapVersion.Soap11, _ => throw new InvalidOperationException("not called")).DeliverAsync(Message(new ReleaseStock(Guid.NewGuid(), "A-1", [])), CancellationToken.None));

    private static SoapEndpointConnector Connector(SoapVersion version, Func<HttpRequestMessage, Task<HttpResponseMessage>> answer, int timeoutSeconds = 30) =>
        Connector(version, (request, _) => answer(request), timeoutSeconds);

    private static SoapEndpointConnector Connector(SoapVersion version, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer, int timeoutSeconds = 30) =>
        new("erp-eu", new SoapConnectorSettings(new Uri("http://erp.test/LegacyErp/BookingService"), TimeSpan.FromSeconds(timeoutSeconds), version, 1024 * 1024, LegacyErpSoapContract.Name),
            new LegacyErpSoapContract(),
            () => new HttpClient(new StubHandler(answer)) { Timeout = Timeout.InfiniteTimeSpan });

    private static OutboundMessage Message(object command) => new()
    {
        Endpoint = "erp-eu",
        Command = command,
        Envelope = new MessageEnvelope(),
        IdempotencyKey = "key-1",
    };

    private static HttpResponseMessage Soap(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            answer(request, cancellationToken);
    }
}
