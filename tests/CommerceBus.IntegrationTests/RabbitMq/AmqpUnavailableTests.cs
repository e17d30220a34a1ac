using System.Text.Json;
using CommerceBus.Adapters.RabbitMq;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Failures;
using CommerceBus.Operations;
using CommerceBus.Persistence;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// The intake's answer to a message the hub keeps answering "unavailable": retried with growing pauses a bounded number
/// of times, then moved to the rejected queue with the reason and recorded among the failed messages; a message no route
/// takes is rejected at once; nothing is lost. And a reply whose confirm never comes does not hold the intake.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class AmqpUnavailableTests(AmqpUnavailableFixture fixture) : IClassFixture<AmqpUnavailableFixture>
{
    private const string HubQueue = "commerce.inbound.hub";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TestHub Hub => fixture.Hub;

    [RabbitFact]
    public async Task Message_the_hub_keeps_answering_unavailable_is_retried_with_growing_pauses_then_rejected_with_the_reason_and_recorded()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var order = Orders.Valid(Orders.NewNumber(IntakeGate.UnavailablePrefix));
        var messageId = Guid.NewGuid().ToString();
        var body = AmqpTestClient.Json(order);

        await client.PublishAsync("order.place", body, AmqpTestClient.Properties(messageId, "corr-unavailable"));

        var rejected = (await TakeRejectedAsync(client, messageId))[messageId];
        const int Tries = AmqpUnavailableFixture.Retries + 1;
        Assert.Equal(Tries, fixture.Gate.SubmitsOf(order.OrderNumber!));
        Assert.Equal($"the hub answered 'unavailable' {Tries} times: {IntakeGate.UnavailableDetail}", rejected.Header(AmqpHeaders.Reason));
        Assert.Equal("Unavailable", rejected.Header(AmqpHeaders.Outcome));
        Assert.Equal("order.place", rejected.Header(AmqpHeaders.RoutingKey));
        Assert.Equal(AmqpTestClient.InboundExchange, rejected.Header(AmqpHeaders.Exchange));
        Assert.Equal(body, rejected.Body);
        Assert.Equal("corr-unavailable", rejected.Properties.CorrelationId);
        Assert.Equal("acme", rejected.Header("x-tenant"));
        var history = JsonSerializer.Deserialize<List<JsonElement>>(rejected.Header(AmqpHeaders.Attempts)!, Json)!;
        Assert.Equal(Tries, history.Count);

        // Each retry waited at least its pause in the delay queue (the broker's TTL): 200 ms, then 400 ms, then 500 ms.
        var submitted = fixture.Gate.Submits[order.OrderNumber!].ToArray();
        for (var i = 1; i < submitted.Length; i++)
        {
            var pause = submitted[i] - submitted[i - 1];
            Assert.True(pause >= AmqpUnavailableFixture.Delays[i - 1] - TimeSpan.FromMilliseconds(50), $"retry {i} came after {pause.TotalMilliseconds} ms");
        }

        var record = Assert.Single(await FailedMessagesAsync(AmqpMessageIds.From(messageId, "tests")));
        Assert.Equal(HubQueue, record.Endpoint);
        Assert.Null(record.Route);
        Assert.Equal(order.OrderNumber, record.OrderNumber);
        Assert.Equal(Tries, record.Attempts);
        Assert.Equal(typeof(IntakeRejectedException).FullName, record.ExceptionType);
        Assert.Contains(IntakeGate.UnavailableDetail, record.Reason, StringComparison.Ordinal);
        Assert.Equal(FailedMessageStatus.Failed, record.Status);
        Assert.Equal(FailedMessageKind.Intake, record.Kind);
        Assert.Contains(order.OrderNumber!, record.Body, StringComparison.Ordinal);
    }

    [RabbitFact]
    public async Task Rejected_intake_message_is_retried_from_the_failed_message_store_once_the_hub_can_take_it()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var order = Orders.Valid(Orders.NewNumber(IntakeGate.UnavailablePrefix));
        var messageId = Guid.NewGuid().ToString();
        await client.PublishAsync("order.place", AmqpTestClient.Json(order), AmqpTestClient.Properties(messageId, "corr-retry"));
        await TakeRejectedAsync(client, messageId);
        var id = Assert.Single(await FailedMessagesAsync(AmqpMessageIds.From(messageId, "tests"))).Id;
        var replayer = Hub.Services.GetRequiredService<FailedMessageReplayer>();

        // Still unavailable: the retry says so and the record stays failed, to be retried again.
        var refused = await replayer.RetryAsync(id, editedBody: null, "tests", CancellationToken.None);
        Assert.Equal(ReplayOutcomeKind.Unavailable, refused.Kind);
        Assert.Contains(IntakeGate.UnavailableDetail, refused.Detail, StringComparison.Ordinal);
        Assert.Equal(FailedMessageStatus.Failed, Assert.Single(await FailedMessagesAsync(AmqpMessageIds.From(messageId, "tests"))).Status);

        fixture.Gate.Recover(order.OrderNumber!);
        var retried = await replayer.RetryAsync(id, editedBody: null, "tests", CancellationToken.None);

        Assert.Equal(ReplayOutcomeKind.Done, retried.Kind);
        Assert.Equal(FailedMessageStatus.Retried, Assert.Single(await FailedMessagesAsync(AmqpMessageIds.From(messageId, "tests"))).Status);
        Assert.NotNull(await Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None));

        // A second retry is refused: the message is not submitted twice.
        var again = await replayer.RetryAsync(id, editedBody: null, "tests", CancellationToken.None);
        Assert.Equal(ReplayOutcomeKind.Conflict, again.Kind);
    }

    [RabbitFact]
    public async Task Message_no_route_takes_is_rejected_at_once_without_retries()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var order = Orders.Valid() with { Region = "US" };
        var messageId = Guid.NewGuid().ToString();

        await client.PublishAsync("order.place", AmqpTestClient.Json(order), AmqpTestClient.Properties(messageId));

        var rejected = (await TakeRejectedAsync(client, messageId))[messageId];
        Assert.Equal(1, fixture.Gate.SubmitsOf(order.OrderNumber!));
        Assert.StartsWith("No route takes PlaceOrder", rejected.Header(AmqpHeaders.Reason), StringComparison.Ordinal);
        Assert.Equal("Unavailable", rejected.Header(AmqpHeaders.Outcome));
        Assert.Null(rejected.Header(AmqpHeaders.Attempts));
        Assert.Null(await Hub.Gateway.GetStatusAsync(OrderFamily.Name, order.OrderNumber!, CancellationToken.None));
    }

    [RabbitFact]
    public async Task Every_message_of_a_mixed_stream_is_accepted_or_rejected_and_none_is_lost()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var unavailable = Enumerable.Range(0, 4).Select(_ => Orders.Valid(Orders.NewNumber(IntakeGate.UnavailablePrefix))).ToList();
        var unroutable = Enumerable.Range(0, 3).Select(_ => Orders.Valid() with { Region = "US" }).ToList();
        var valid = Enumerable.Range(0, 5).Select(_ => Orders.Valid()).ToList();
        var ids = new Dictionary<string, string>();
        foreach (var order in unavailable.Concat(valid).Concat(unroutable))
        {
            ids[order.OrderNumber!] = Guid.NewGuid().ToString();
            await client.PublishAsync("order.place", AmqpTestClient.Json(order), AmqpTestClient.Properties(ids[order.OrderNumber!]));
        }

        var rejected = await TakeRejectedAsync(client, [.. unavailable.Concat(unroutable).Select(o => ids[o.OrderNumber!])]);
        foreach (var order in valid)
        {
            await Hub.WaitForStatusAsync(order.OrderNumber!, Enum.GetNames<OrderStatus>());
        }

        // 12 published = 7 rejected + 5 accepted, and nothing is left waiting in the hub's queue or a delay queue.
        Assert.Equal(7, rejected.Count);
        Assert.All(unavailable, o => Assert.Equal(AmqpUnavailableFixture.Retries + 1, fixture.Gate.SubmitsOf(o.OrderNumber!)));
        Assert.All(unroutable, o => Assert.Equal(1, fixture.Gate.SubmitsOf(o.OrderNumber!)));
        await Eventually.MatchAsync(() => QueuedAsync(client), n => n == 0, "the hub's queue and the delay queues to be empty");
        var recorded = await FailedMessagesAsync([.. unavailable.Select(o => AmqpMessageIds.From(ids[o.OrderNumber!], "tests"))]);
        Assert.Equal(unavailable.Count, recorded.Count);
    }

    [RabbitFact]
    public async Task Reply_whose_confirm_never_comes_is_given_up_after_the_publish_timeout_and_the_next_message_is_handled()
    {
        await using var client = await AmqpTestClient.ConnectAsync(fixture.BrokerUri);
        var replies = (await client.Channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        var held = Orders.Valid(Orders.NewNumber(IntakeGate.HoldPrefix));
        var next = Orders.Valid();
        await client.PublishAsync("order.place", AmqpTestClient.Json(held), AmqpTestClient.Properties(Guid.NewGuid().ToString(), replyTo: replies));
        await client.PublishAsync("order.place", AmqpTestClient.Json(next), AmqpTestClient.Properties(Guid.NewGuid().ToString()));
        await fixture.Gate.Holding.Task.WaitAsync(Eventually.DefaultTimeout);

        // The memory alarm: the broker stops reading from every connection that publishes, so the hub's reply to the held
        // order is never confirmed. The intake handles one message at a time: the next one waits for that reply.
        await RabbitServer.SetMemoryHighWatermarkAsync("0");
        try
        {
            await Eventually.MatchAsync(RabbitServer.MemoryAlarmRaisedAsync, raised => raised, "the memory alarm");
            fixture.Gate.Release();

            await Eventually.MatchAsync(
                () => Task.FromResult(fixture.Gate.SubmitsOf(next.OrderNumber!)),
                n => n == 1,
                "the next message to reach the hub while the reply waits for its confirm",
                TimeSpan.FromSeconds(30));
            Assert.True(await RabbitServer.MemoryAlarmRaisedAsync(), "the alarm was cleared before the next message got through");
        }
        finally
        {
            await RabbitServer.SetMemoryHighWatermarkAsync("0.4");
        }

        await Hub.WaitForStatusAsync(held.OrderNumber!, nameof(OrderStatus.Completed));
        await Hub.WaitForStatusAsync(next.OrderNumber!, nameof(OrderStatus.Completed));
    }

    /// <summary>Takes messages off the rejected queue until those with the given ids are there; returns them by id.</summary>
    private static async Task<Dictionary<string, RejectedMessage>> TakeRejectedAsync(AmqpTestClient client, params string[] messageIds)
    {
        var taken = new Dictionary<string, RejectedMessage>();
        await Eventually.MatchAsync(
            async () =>
            {
                while (await client.Channel.BasicGetAsync(AmqpTestClient.RejectedQueue, autoAck: true) is { } got)
                {
                    taken[got.BasicProperties.MessageId ?? ""] = new RejectedMessage(got.BasicProperties, got.Body.ToArray(), got.RoutingKey);
                }

                return messageIds.All(taken.ContainsKey);
            },
            all => all,
            $"{string.Join(", ", messageIds)} in {AmqpTestClient.RejectedQueue}");
        return taken;
    }

    /// <summary>Messages ready in the hub's queue and its delay queues.</summary>
    private static async Task<uint> QueuedAsync(AmqpTestClient client)
    {
        uint count = (await client.Channel.QueueDeclarePassiveAsync(HubQueue)).MessageCount;
        foreach (var delay in AmqpUnavailableFixture.Delays)
        {
            count += (await client.Channel.QueueDeclarePassiveAsync($"{HubQueue}.delay.{(long)delay.TotalMilliseconds}ms")).MessageCount;
        }

        return count;
    }

    private async Task<List<FailedMessageRecord>> FailedMessagesAsync(params Guid[] messageIds)
    {
        await using var db = await Hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.FailedMessages.AsNoTracking().Where(f => messageIds.Contains(f.MessageId)).ToListAsync();
    }
}
