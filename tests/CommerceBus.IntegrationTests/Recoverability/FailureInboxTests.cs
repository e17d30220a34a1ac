using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommerceBus.Conformance;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Persistence;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using Hangfire;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CommerceBus.IntegrationTests.Recoverability.FailedMessageReplayTests;
using CommerceBus.Core.Failures;

namespace CommerceBus.IntegrationTests.Recoverability;

/// <summary>
/// Every failure that is final reaches the one failed-message store, on the real hub: a saga message that fails every
/// retry (instead of <c>order-fulfillment_error</c>), a message no saga consumer takes (instead of <c>_skipped</c>), a
/// Hangfire job that fails every retry; each can be retried (back through its saga, its queue, its job) or discarded.
/// </summary>
public sealed class FailureInboxTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public Task A_saga_message_that_fails_for_good_is_stored_with_its_reason_and_a_retry_puts_it_back_through_the_saga() =>
        SagaErrorIsStoredAndRetriedAsync([]);

    [Fact]
    public async Task A_message_no_saga_consumer_takes_is_stored_as_skipped_and_a_retry_sends_it_back_to_its_queue()
    {
        await using var hub = await TestHub.StartAsync();
        var bus = hub.Services.GetRequiredService<IBus>();
        var message = new NobodyTakesThis("not for the saga");
        var messageId = Guid.NewGuid();
        var queue = await bus.GetSendEndpoint(new Uri("queue:order-fulfillment"));
        await queue.Send(message, context => context.MessageId = messageId);

        var skipped = await WaitForKindAsync(hub, FailedMessageKind.Skipped, 1);
        Assert.Equal("order-fulfillment", skipped[0].GetProperty("endpoint").GetString());
        Assert.Contains("no consumer on order-fulfillment", skipped[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(messageId, skipped[0].GetProperty("messageId").GetGuid());
        var details = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{skipped[0].GetProperty("id").GetInt64()}", Json);
        Assert.Equal("not for the saga", details.GetProperty("body").GetProperty("note").GetString());

        using (var retry = await PostAsync(hub, $"{Api}/{skipped[0].GetProperty("id").GetInt64()}/retry", "erin"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        // Nothing takes it there still: it comes back, the same message, as a new failed message.
        var again = await WaitForKindAsync(hub, FailedMessageKind.Skipped, 2);
        Assert.All(again, s => Assert.Equal(messageId, s.GetProperty("messageId").GetGuid()));
    }

    [Fact]
    public async Task A_command_the_dispatcher_cannot_route_is_stored_as_an_error_of_its_queue_and_a_retry_sends_it_back()
    {
        await using var hub = await TestHub.StartAsync();
        var messageId = Guid.NewGuid();
        var nowhere = new BookOrder(Guid.NewGuid(), "NOROUTE1", "C-1", "MARS", "EUR", 10m, [new FulfillmentLine("SKU-1", 1, 10m)]);
        var dispatch = await hub.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:commercebus-dispatch"));
        await dispatch.Send(nowhere, context => context.MessageId = messageId);

        var errors = await WaitForKindAsync(hub, FailedMessageKind.Error, 1);
        Assert.Equal("commercebus-dispatch", errors[0].GetProperty("endpoint").GetString());
        Assert.Equal("BookOrder.v1", errors[0].GetProperty("messageType").GetString());
        Assert.Equal("NOROUTE1", errors[0].GetProperty("orderNumber").GetString());
        Assert.Contains("No route takes BookOrder", errors[0].GetProperty("reason").GetString(), StringComparison.Ordinal);

        using (var retry = await PostAsync(hub, $"{Api}/{errors[0].GetProperty("id").GetInt64()}/retry", "erin"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        // Still no route: it went through the dispatcher again and is stored again, the same message.
        var again = await WaitForKindAsync(hub, FailedMessageKind.Error, 2);
        Assert.All(again, e => Assert.Equal(messageId, e.GetProperty("messageId").GetGuid()));
    }

    [Fact]
    public Task A_Hangfire_job_that_fails_every_retry_is_stored_and_can_be_retried_or_discarded() => FailedJobIsStoredAsync(null);

    [PostgresFact]
    public Task A_Hangfire_job_that_fails_every_retry_is_stored_and_can_be_retried_or_discarded_on_PostgreSQL() => FailedJobIsStoredAsync(database.ConnectionString);

    internal static async Task SagaErrorIsStoredAndRetriedAsync(Dictionary<string, string?> settings)
    {
        var broken = new BrokenSagaStorage.Switch { Entering = "CapturingPayment" };
        settings["CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter"] = "01:00:00";
        await using var hub = await TestHub.StartAsync(settings, configureServices: services =>
            services.AddSingleton<ISagaStorage<OrderSagaRecord>>(sp =>
                new BrokenSagaStorage(new EfSagaStorage<OrderSagaRecord>(sp.GetRequiredService<IDbContextFactory<HubDbContext>>()), broken)));
        var order = Orders.Valid();

        await PlaceAsync(hub, order);
        var errors = await WaitForKindAsync(hub, FailedMessageKind.Error, 1);
        var failed = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{errors[0].GetProperty("id").GetInt64()}", Json);
        Assert.Equal("order-fulfillment", failed.GetProperty("endpoint").GetString());
        Assert.Equal("StockReserved.v1", failed.GetProperty("messageType").GetString());
        Assert.Equal(order.OrderNumber, failed.GetProperty("orderNumber").GetString());
        Assert.Contains("refuses", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.GetProperty("exceptionType").GetString());
        Assert.Equal(order.OrderNumber, failed.GetProperty("body").GetProperty("orderNumber").GetString());
        Assert.Equal(6, failed.GetProperty("attempts").GetInt32());
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Equal("ReservingStock", await SagaStateOfAsync(hub, order.OrderNumber!));
        if (settings.TryGetValue("CommerceBus:RabbitMq:ConnectionString", out var broker) && broker is not null)
        {
            // Stored instead of moved: nothing waits in the saga queue's error queue.
            var queues = await RabbitServer.DescribeQueuesAsync(broker);
            var error = queues.Split('\n').Select(l => l.Split('\t')).FirstOrDefault(c => c[0] == "order-fulfillment_error");
            Assert.True(error is null || error[1] == "0", $"order-fulfillment_error holds messages:\n{queues}");
        }

        broken.Entering = null;
        using (var retry = await PostAsync(hub, $"{Api}/{failed.GetProperty("id").GetInt64()}/retry", "erin"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        Assert.Equal("Completed", (await hub.WaitForStatusAsync(order.OrderNumber!, "Completed", "Failed"))!.Status);
        var after = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{failed.GetProperty("id").GetInt64()}", Json);
        Assert.Equal("Retried", after.GetProperty("status").GetString());
        Assert.Single(await ListAsync(hub, FailedMessageKind.Error));
    }

    private static async Task FailedJobIsStoredAsync(string? postgres)
    {
        var flaky = new FlakyJob.Switch();
        var settings = new Dictionary<string, string?>
        {
            ["CommerceBus:Scheduler:JobRetries"] = "0",
            ["CommerceBus:Retention:FinishedJobs"] = "01:00:00",
        };
        if (postgres is not null)
        {
            settings["CommerceBus:Storage:PostgreSql"] = postgres;
        }

        await using var hub = await TestHub.StartAsync(settings, configureServices: s => s.AddSingleton(flaky));
        var jobs = hub.Services.GetRequiredService<IBackgroundJobClient>();
        var monitor = hub.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var before = (await ListAsync(hub, FailedMessageKind.SchedulerJob)).Count;

        var first = jobs.Enqueue<FlakyJob>(job => job.RunAsync("first"));
        var stored = (await WaitForKindAsync(hub, FailedMessageKind.SchedulerJob, before + 1))[0];
        var details = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{stored.GetProperty("id").GetInt64()}", Json);
        Assert.Equal("FlakyJob.RunAsync", details.GetProperty("messageType").GetString());
        Assert.Equal("hangfire", details.GetProperty("endpoint").GetString());
        Assert.Contains("job first broke", details.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(first, details.GetProperty("headers").GetProperty("Hangfire-JobId").GetString());
        Assert.Equal("first", details.GetProperty("body")[0].GetString());
        Assert.Equal(1, details.GetProperty("attempts").GetInt32());
        // The store's row is written while Hangfire applies the Failed state, before Hangfire commits it.
        await Eventually.MatchAsync(() => Task.FromResult(monitor.JobDetails(first)), j => j.History[0].StateName == "Failed", $"job {first} to be Failed in Hangfire");

        flaky.Broken = false;
        using (var retry = await PostAsync(hub, $"{Api}/{stored.GetProperty("id").GetInt64()}/retry", "erin"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        var succeeded = await Eventually.MatchAsync(() => Task.FromResult(monitor.JobDetails(first)), j => j.History[0].StateName == "Succeeded", $"job {first} to succeed after the retry");
        var clock = hub.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        Assert.NotNull(succeeded.ExpireAt);
        Assert.InRange(succeeded.ExpireAt!.Value.ToUniversalTime(), clock.AddMinutes(50), clock.AddMinutes(61));

        flaky.Broken = true;
        var second = jobs.Enqueue<FlakyJob>(job => job.RunAsync("second"));
        var secondStored = (await WaitForKindAsync(hub, FailedMessageKind.SchedulerJob, before + 2))[0];
        Assert.Contains("job second broke", secondStored.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using (var discard = await PostAsync(hub, $"{Api}/{secondStored.GetProperty("id").GetInt64()}/discard", "erin"))
        {
            Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        }

        Assert.Equal("Deleted", monitor.JobDetails(second).History[0].StateName);
        var discarded = await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}/{secondStored.GetProperty("id").GetInt64()}", Json);
        Assert.Equal("Discarded", discarded.GetProperty("status").GetString());
    }

    private static async Task<string?> SagaStateOfAsync(TestHub hub, string orderNumber)
    {
        await using var db = await hub.Services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        return await db.OrderSagas.Where(s => s.OrderNumber == orderNumber).Select(s => s.CurrentState).SingleOrDefaultAsync();
    }

    private static async Task<List<JsonElement>> ListAsync(TestHub hub, string kind) =>
        (await hub.Http.GetFromJsonAsync<JsonElement>($"{Api}?kind={kind}&pageSize=100", Json)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Waits until the store holds <paramref name="count"/> failed messages of a kind; newest first.</summary>
    private static Task<List<JsonElement>> WaitForKindAsync(TestHub hub, string kind, int count) =>
        Eventually.MatchAsync(() => ListAsync(hub, kind), items => items.Count >= count, $"{count} {kind} failed message(s) in the store", TimeSpan.FromSeconds(60));
}

/// <summary>A message no consumer on the saga's queue takes.</summary>
public sealed record NobodyTakesThis(string Note);

/// <summary>The saga message that fails for good, with the bus on RabbitMQ and the storage on PostgreSQL.</summary>
[Collection(RabbitCollection.Name)]
public sealed class RabbitFailureInboxTests
{
    [RabbitPostgresFact]
    public Task A_saga_message_that_fails_for_good_on_RabbitMQ_is_stored_and_a_retry_puts_it_back_through_the_saga() =>
        RabbitAndPostgres.RunAsync("failure-inbox", FailureInboxTests.SagaErrorIsStoredAndRetriedAsync);
}
