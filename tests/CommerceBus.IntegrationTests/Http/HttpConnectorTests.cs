using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Http;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.Configuration;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Xunit;

namespace CommerceBus.IntegrationTests.Http;

/// <summary>The http connector against the real demo Payments service, and against a server that fails on purpose.</summary>
public sealed class HttpConnectorTests
{
    [Fact]
    public async Task Capture_that_fails_twice_transiently_is_retried_with_the_same_key_and_charged_once()
    {
        await using var payments = await PaymentsService.StartAsync();
        await using var flaky = await FlakyHttpServer.StartAsync();
        flaky.Upstream = payments.Address;
        flaky.FailFirst = 2;
        var capture = Capture(120.00m);

        var result = await Connector(flaky.Address).DeliverAsync(capture, CancellationToken.None);

        Assert.IsType<PaymentCaptured>(result.Reply);
        Assert.Equal(3, flaky.Requests.Count);
        Assert.All(flaky.Requests, r => Assert.Equal(capture.IdempotencyKey, r.IdempotencyKey));
        Assert.Equal(1, payments.State.Payments.CaptureCount);
    }

    [Fact]
    public async Task The_same_capture_delivered_again_gets_the_same_payment_and_no_second_charge()
    {
        await using var payments = await PaymentsService.StartAsync();
        var connector = Connector(payments.Address);
        var capture = Capture(80.00m);

        var first = (PaymentCaptured)(await connector.DeliverAsync(capture, CancellationToken.None)).Reply!;
        var again = (PaymentCaptured)(await connector.DeliverAsync(capture, CancellationToken.None)).Reply!;

        Assert.Equal(first.PaymentId, again.PaymentId);
        Assert.Equal(1, payments.State.Payments.CaptureCount);
    }

    [Fact]
    public async Task Capture_above_the_limit_is_a_declined_reply_not_an_error()
    {
        await using var payments = await PaymentsService.StartAsync();

        var result = await Connector(payments.Address).DeliverAsync(Capture(50000.01m), CancellationToken.None);

        var declined = Assert.IsType<PaymentDeclined>(result.Reply);
        Assert.Contains("above the limit of 50000.00", declined.Reason, StringComparison.Ordinal);
        Assert.Equal(0, payments.State.Payments.CaptureCount);
    }

    [Fact]
    public async Task Refund_of_a_capture_is_answered_with_PaymentRefunded()
    {
        await using var payments = await PaymentsService.StartAsync();
        var connector = Connector(payments.Address);
        var captured = (PaymentCaptured)(await connector.DeliverAsync(Capture(10.00m), CancellationToken.None)).Reply!;

        var result = await connector.DeliverAsync(Message(new RefundPayment(captured.TrackingId, captured.OrderNumber, captured.PaymentId, 10.00m, "EUR")), CancellationToken.None);

        Assert.Equal(captured.PaymentId, Assert.IsType<PaymentRefunded>(result.Reply).PaymentId);
        Assert.True(payments.State.Payments.Refunded.ContainsKey(captured.PaymentId));
    }

    [Fact]
    public async Task A_service_that_keeps_failing_exhausts_the_retries_and_the_delivery_throws()
    {
        await using var flaky = await FlakyHttpServer.StartAsync();

        var error = await Assert.ThrowsAsync<HttpEndpointException>(() =>
            Connector(flaky.Address, ("MaxRetries", "2")).DeliverAsync(Capture(10.00m), CancellationToken.None));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, flaky.Requests.Count);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_without_calling_the_service()
    {
        await using var flaky = await FlakyHttpServer.StartAsync();
        var connector = Connector(flaky.Address, ("MaxRetries", "0"), ("BreakerMinimumThroughput", "2"), ("BreakerFailureRatio", "0.5"), ("BreakDuration", "00:05:00"));

        await Assert.ThrowsAsync<HttpEndpointException>(() => connector.DeliverAsync(Capture(10.00m), CancellationToken.None));
        await Assert.ThrowsAsync<HttpEndpointException>(() => connector.DeliverAsync(Capture(10.00m), CancellationToken.None));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => connector.DeliverAsync(Capture(10.00m), CancellationToken.None));

        Assert.Equal(2, flaky.Requests.Count);
    }

    [Fact]
    public async Task A_service_that_accepts_and_never_answers_fails_the_delivery_at_the_total_timeout()
    {
        await using var silent = new Tcp.SilentEndpoint();
        var connector = Connector(new Uri($"http://127.0.0.1:{silent.Port}/"), ("AttemptTimeout", "00:00:00.500"), ("TotalTimeout", "00:00:02"), ("MaxRetries", "10"));

        // Ten retries of 500 ms would take longer than TotalTimeout: the total deadline ends the delivery, well before 30 s.
        await Assert.ThrowsAsync<TimeoutRejectedException>(() =>
            connector.DeliverAsync(Capture(10.00m), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(silent.Connections >= 1);
    }

    [Theory]
    [InlineData(null, "BaseUrl is required")]
    [InlineData("localhost:5103", "must be an absolute http(s) URL")]
    public void An_unusable_base_url_fails_naming_the_setting(string? baseUrl, string problem)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["payments:BaseUrl"] = baseUrl, ["payments:Connector"] = "http" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ConnectorFactories.Http().Create("payments", settings.GetSection("payments")));

        Assert.Contains("CommerceBus:Endpoints:payments:BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Contract is missing")]
    [InlineData("billing", "Contract 'billing' is not a registered HTTP contract (registered: payments)")]
    public void An_endpoint_naming_no_or_an_unknown_contract_fails_naming_the_setting(string? contract, string problem)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["payments:Connector"] = "http",
            ["payments:BaseUrl"] = "http://127.0.0.1:5103/",
            ["payments:Contract"] = contract,
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ConnectorFactories.Http().Create("payments", settings.GetSection("payments")));

        Assert.Contains("CommerceBus:Endpoints:payments:Contract", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static IEndpointConnector Connector(Uri baseUrl, params (string Key, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["payments:Connector"] = "http",
            ["payments:Contract"] = "payments",
            ["payments:BaseUrl"] = baseUrl.ToString(),
            ["payments:RetryDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in overrides)
        {
            values["payments:" + key] = value;
        }

        var settings = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return ConnectorFactories.Http().Create("payments", settings.GetSection("payments"));
    }

    private static OutboundMessage Capture(decimal amount) =>
        Message(new CapturePayment(Guid.NewGuid(), "T-" + Random.Shared.Next(10000, 99999), "C-1", amount, "EUR"));

    private static OutboundMessage Message(IOrderMessage command) => new()
    {
        Endpoint = "payments",
        Command = command,
        Envelope = new MessageEnvelope { MessageId = Guid.NewGuid(), CorrelationId = Guid.NewGuid().ToString(), MessageType = command.GetType().Name + ".v1" },
        InstanceId = command.TrackingId,
        IdempotencyKey = $"{command.TrackingId}:{command.GetType().Name}.v1",
    };
}
