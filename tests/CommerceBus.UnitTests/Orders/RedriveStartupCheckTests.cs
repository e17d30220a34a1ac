using CommerceBus.Fulfillment.Recovery;
using Xunit;

namespace CommerceBus.UnitTests.Orders;

public sealed class RedriveStartupCheckTests
{
    [Fact]
    public void A_redrive_period_longer_than_every_endpoints_delayed_retries_is_accepted() =>
        Assert.Empty(RedriveStartupCheck.Problems(TimeSpan.FromMinutes(2), [("payments", TimeSpan.FromSeconds(100)), ("inventory", TimeSpan.FromSeconds(10))]));

    [Theory]
    [InlineData(60)]
    [InlineData(100)]
    public void A_redrive_period_not_longer_than_an_endpoints_delayed_retries_is_refused_naming_both_settings(int seconds)
    {
        var problem = Assert.Single(RedriveStartupCheck.Problems(TimeSpan.FromSeconds(seconds), [("payments", TimeSpan.FromSeconds(100)), ("inventory", TimeSpan.FromSeconds(10))]));

        Assert.Contains("CommerceBus:Sagas:OrderFulfillment:RedriveStalledAfter", problem, StringComparison.Ordinal);
        Assert.Contains("CommerceBus:Endpoints:payments:Retries:Delayed", problem, StringComparison.Ordinal);
        Assert.Contains("00:01:40", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redrive_period_of_zero_is_refused() =>
        Assert.Contains("must be above 00:00:00", Assert.Single(RedriveStartupCheck.Problems(TimeSpan.Zero, [])), StringComparison.Ordinal);
}
