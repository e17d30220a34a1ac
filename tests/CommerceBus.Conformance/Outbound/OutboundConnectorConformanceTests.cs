using System.Diagnostics;
using CommerceBus.Abstractions.Outbound;
using Xunit;

namespace CommerceBus.Conformance.Outbound;

/// <summary>
/// The behaviour every outbound connector owes the hub, whatever the protocol. A connector's test project subclasses
/// this with its factory; what the connector or its endpoint cannot show is skipped, not failed.
/// </summary>
/// <remarks>
/// The hub retries a delivery that throws, with the same idempotency key, and takes a reply as the endpoint's answer;
/// so a connector must carry the key, throw on technical failure, answer a business refusal, stop when cancelled, and
/// never wait without a bound.
/// </remarks>
public abstract class OutboundConnectorConformanceTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IConnectorConformanceFactory
{
    /// <summary>The bound the suite configures for the timeout tests.</summary>
    protected static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Slack for a loaded 2-core machine: a bounded wait ends within its bound and this.</summary>
    protected static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    /// <summary>Longer than any test: a wait that ends before it ended for another reason (cancellation).</summary>
    protected static readonly TimeSpan LongTimeout = TimeSpan.FromSeconds(120);

    protected TFactory Factory { get; } = factory;

    [SkippableFact]
    public async Task Accepted_command_is_answered_in_line_or_handed_over()
    {
        await using var connector = Use(Factory.CreateConnector(LongTimeout));
        var message = Factory.NewMessage(EndpointBehaviour.Apply);

        var result = await connector.Connector.DeliverAsync(message, CancellationToken.None);

        if (Factory.Capabilities.RequestReply)
        {
            Assert.NotNull(result.Reply);
            Assert.False(Factory.IsRefusal(message, result.Reply), $"an accepted command was answered with a refusal: {result.Reply}");
        }
        else
        {
            Assert.Null(result.Reply);
        }

        Assert.Equal(1, (await SeenAsync(message, received: 1)).Applied);
    }

    [SkippableFact]
    public async Task Same_idempotency_key_delivered_twice_is_applied_once()
    {
        await using var connector = Use(Factory.CreateConnector(LongTimeout));
        var message = Factory.NewMessage(EndpointBehaviour.Apply);

        var first = await connector.Connector.DeliverAsync(message, CancellationToken.None);
        var again = await connector.Connector.DeliverAsync(message with { Envelope = message.Envelope with { MessageId = Guid.NewGuid() } }, CancellationToken.None);

        var seen = await SeenAsync(message, received: 2);
        Assert.Equal(1, seen.Applied);
        Assert.Equal(first.Reply, again.Reply);
    }

    [SkippableFact]
    public async Task Technical_failure_throws_so_the_hub_retries()
    {
        Skip.IfNot(Factory.Capabilities.FailsTechnically, "the endpoint cannot fail technically on demand");
        await using var connector = Use(Factory.CreateConnector(LongTimeout));
        var message = Factory.NewMessage(EndpointBehaviour.Fail);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connector.Connector.DeliverAsync(message, CancellationToken.None));

        Assert.IsNotAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(0, (await SeenAsync(message, received: 1)).Applied);
    }

    [SkippableFact]
    public async Task Business_refusal_is_a_reply_not_an_exception()
    {
        Skip.IfNot(Factory.Capabilities.Refuses, "the endpoint does not answer with refusals");
        await using var connector = Use(Factory.CreateConnector(LongTimeout));
        var message = Factory.NewMessage(EndpointBehaviour.Refuse);

        var result = await connector.Connector.DeliverAsync(message, CancellationToken.None);

        Assert.NotNull(result.Reply);
        Assert.True(Factory.IsRefusal(message, result.Reply), $"expected the endpoint's refusal, got {result.Reply}");
    }

    [SkippableFact]
    public async Task Delivery_with_a_cancelled_token_throws_OperationCanceledException()
    {
        await using var connector = Use(Factory.CreateConnector(LongTimeout));
        var message = Factory.NewMessage(EndpointBehaviour.Apply);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connector.Connector.DeliverAsync(message, cancelled.Token));
    }

    [SkippableFact]
    public async Task Cancelling_a_delivery_the_endpoint_does_not_answer_ends_it_at_once()
    {
        Skip.IfNot(Factory.Capabilities.Hangs, "the endpoint cannot hang on demand");
        await using var connector = Use(Factory.CreateConnector(LongTimeout));
        var message = Factory.NewMessage(EndpointBehaviour.Hang);
        using var cancellation = new CancellationTokenSource();

        var delivery = connector.Connector.DeliverAsync(message, cancellation.Token);
        await SeenAsync(message, received: 1);
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.WaitAsync(Slack));
        Assert.True(clock.Elapsed < Slack, $"the cancelled delivery took {clock.Elapsed} to end");
    }

    [SkippableFact]
    public async Task Endpoint_that_never_answers_fails_the_delivery_within_the_configured_timeout()
    {
        Skip.IfNot(Factory.Capabilities.Hangs, "the endpoint cannot hang on demand");
        await using var connector = Use(Factory.CreateConnector(ShortTimeout));
        var message = Factory.NewMessage(EndpointBehaviour.Hang);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connector.Connector.DeliverAsync(message, CancellationToken.None).WaitAsync(ShortTimeout + Slack + Slack));

        Assert.IsNotAssignableFrom<OperationCanceledException>(error);
        Assert.True(clock.Elapsed < ShortTimeout + Slack, $"a delivery bounded by {ShortTimeout} took {clock.Elapsed} to fail ({error.GetType().Name}: {error.Message})");
    }

    /// <summary>Waits until the endpoint received the command at least <paramref name="received"/> times.</summary>
    private Task<EndpointRecord> SeenAsync(OutboundMessage message, int received) =>
        Eventually.MatchAsync(() => Task.FromResult(Factory.RecordOf(message)), r => r.Received >= received, $"the endpoint to receive {message.Command.GetType().Name} {received} time(s)");

    private static OwnedConnector Use(IEndpointConnector connector) => new(connector);

    /// <summary>Disposes the connector after the test, as the hub's topology does once no delivery uses it.</summary>
    private readonly struct OwnedConnector(IEndpointConnector connector) : IAsyncDisposable
    {
        public IEndpointConnector Connector { get; } = connector;

        public async ValueTask DisposeAsync()
        {
            switch (Connector)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
