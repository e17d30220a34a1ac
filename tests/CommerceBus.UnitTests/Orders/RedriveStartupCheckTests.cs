using CommerceBus.Fulfillment.Recovery;
using Xunit;

namespace CommerceBus.UnitTests.Orders;

public sealed class RedriveStartupCheckTests
{
    private static readonly TimeSpan Polling = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_redrive_period_longer_than_every_endpoints_delayed_retries_plus_the_polling_is_accepted() =>
        Assert.Empty(RedriveStartupCheck.Problems(TimeSpan.FromSeconds(102), Polling, [("payments", TimeSpan.FromSeconds(100)), ("inventory", TimeSpan.FromSeconds(10))]));

    [Theory]
    [InlineData(60)]
    [InlineData(100)]
    [InlineData(101)]
    public void A_redrive_period_not_longer_than_an_endpoints_delayed_retries_plus_the_polling_is_refused_naming_the_three_settings(int seconds)
    {
        var problem = Assert.Single(RedriveStartupCheck.Problems(TimeSpan.FromSeconds(seconds), Polling, [("payments", TimeSpan.FromSeconds(100)), ("inventory", TimeSpan.FromSeconds(10))]));

        Assert.Contains("CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter", problem, StringComparison.Ordinal);
        Assert.Contains("CommerceBus:Endpoints:payments:Retries:Delayed", problem, StringComparison.Ordinal);
        Assert.Contains("CommerceBus:Scheduler:PollingInterval", problem, StringComparison.Ordinal);
        Assert.Contains("00:01:41 in all", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_polling_interval_alone_can_make_a_redrive_period_too_short() =>
        Assert.Single(RedriveStartupCheck.Problems(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), [("payments", TimeSpan.FromSeconds(1))]));

    [Fact]
    public void An_endpoint_without_delayed_retries_does_not_wait_for_the_scheduler() =>
        Assert.Empty(RedriveStartupCheck.Problems(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), [("payments", TimeSpan.Zero)]));

    [Fact]
    public void A_redrive_period_of_zero_is_refused() =>
        Assert.Contains("must be above 00:00:00", Assert.Single(RedriveStartupCheck.Problems(TimeSpan.Zero, Polling, [])), StringComparison.Ordinal);
}
