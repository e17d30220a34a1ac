using CommerceBus.Core.Bus;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.UnitTests.Bus;

public sealed class BusSendLimitTests
{
    private static readonly Uri Queue = new("queue:order-fulfillment");

    [Fact]
    public async Task A_send_that_never_completes_fails_after_the_limit_naming_the_setting()
    {
        var limit = new BusSendLimit(Options.Create(new RabbitMqBusOptions { SendTimeout = TimeSpan.FromMilliseconds(50) }));
        var never = new TaskCompletionSource().Task;

        var ex = await Assert.ThrowsAsync<BusSendTimeoutException>(() => limit.WithinAsync(never, Queue, CancellationToken.None));

        Assert.Contains("queue:order-fulfillment", ex.Message);
        Assert.Contains("CommerceBus:RabbitMq:SendTimeout", ex.Message);
    }

    [Fact]
    public async Task A_send_that_completes_in_time_completes()
    {
        var limit = new BusSendLimit(Options.Create(new RabbitMqBusOptions()));
        var send = new TaskCompletionSource();

        var waiting = limit.WithinAsync(send.Task, Queue, CancellationToken.None);
        send.SetResult();

        await waiting;
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_send_that_fails_fails_with_its_own_exception()
    {
        var limit = new BusSendLimit(Options.Create(new RabbitMqBusOptions()));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => limit.WithinAsync(Task.FromException(new InvalidOperationException("channel closed")), Queue, CancellationToken.None));

        Assert.Equal("channel closed", ex.Message);
    }

    [Fact]
    public void The_default_limit_is_thirty_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new RabbitMqBusOptions().SendTimeout);
    }
}
