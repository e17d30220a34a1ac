using CommerceBus.Core.Dispatch.Recoverability;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CommerceBus.UnitTests.Dispatch;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Each_failed_round_is_redelivered_after_its_delay_until_the_delays_run_out_then_parked()
    {
        var policy = new RetryPolicy { Immediate = 1, Delayed = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)] };

        Assert.Equal(RetryDecision.RedeliverAfter(TimeSpan.FromSeconds(5), 1), policy.AfterFailedRound(0));
        Assert.Equal(RetryDecision.RedeliverAfter(TimeSpan.FromSeconds(20), 2), policy.AfterFailedRound(1));
        Assert.Equal(RetryDecision.Park, policy.AfterFailedRound(2));
        Assert.Equal(2, policy.AttemptsPerRound);
        Assert.Equal(TimeSpan.FromSeconds(25), policy.TotalDelay);
    }

    [Fact]
    public void A_policy_without_delays_parks_after_its_first_round()
    {
        var policy = new RetryPolicy { Immediate = 0 };

        Assert.Equal(RetryDecision.Park, policy.AfterFailedRound(0));
        Assert.Equal(1, policy.AttemptsPerRound);
    }

    [Fact]
    public void The_default_policy_fits_inside_the_default_step_timeout()
    {
        Assert.True(RetryPolicy.Default.TotalDelay < TimeSpan.FromMinutes(5));
        Assert.Equal(2, RetryPolicy.Default.Immediate);
    }

    [Fact]
    public void Endpoints_get_their_configured_policy_and_the_others_the_default()
    {
        var policies = new RetryPolicies(Section(new()
        {
            ["Endpoints:payments:Connector"] = "http",
            ["Endpoints:payments:Retries:Immediate"] = "0",
            ["Endpoints:payments:Retries:Delayed:0"] = "00:00:03",
            ["Endpoints:inventory:Connector"] = "bus",
            ["Endpoints:erp-eu:Retries:Immediate"] = "4",
        }));

        Assert.Equal(0, policies.For("payments").Immediate);
        Assert.Equal([TimeSpan.FromSeconds(3)], policies.For("PAYMENTS").Delayed);
        Assert.Same(RetryPolicy.Default, policies.For("inventory"));
        Assert.Equal(4, policies.For("erp-eu").Immediate);
        Assert.Equal(RetryPolicy.Default.Delayed, policies.For("erp-eu").Delayed);
    }

    [Fact]
    public void An_empty_delayed_setting_means_no_delayed_retries()
    {
        var policies = new RetryPolicies(Section(new() { ["Endpoints:payments:Retries:Delayed"] = "" }));

        Assert.Empty(policies.For("payments").Delayed);
    }

    [Theory]
    [InlineData("Endpoints:payments:Retries:Immediate", "-1", "CommerceBus:Endpoints:payments:Retries:Immediate '-1'")]
    [InlineData("Endpoints:payments:Retries:Immediate", "lots", "CommerceBus:Endpoints:payments:Retries:Immediate 'lots'")]
    [InlineData("Endpoints:payments:Retries:Immediate", "11", "from 0 to 10")]
    [InlineData("Endpoints:payments:Retries:Delayed:0", "soon", "CommerceBus:Endpoints:payments:Retries:Delayed:0 'soon'")]
    [InlineData("Endpoints:payments:Retries:Delayed:0", "00:00:00", "above 00:00:00")]
    [InlineData("Endpoints:payments:Retries:Delayed:0", "2.00:00:00", "at most 1.00:00:00")]
    [InlineData("Endpoints:payments:Retries:Delayed", "00:00:10", "must be a list of intervals")]
    public void A_bad_retry_setting_fails_naming_the_setting_and_what_it_must_be(string key, string value, string expected)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new RetryPolicies(Section(new() { [key] = value })));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(kv => "CommerceBus:" + kv.Key, kv => kv.Value))
            .Build()
            .GetSection("CommerceBus");
}
