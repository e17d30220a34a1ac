using CommerceBus.Routing;
using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

public sealed class ModeTests
{
    private static readonly RouteRule EuToErp = Rule("eu-erp", types: ["BookOrder"], when: [Field("region", "Equals", "EU")], endpoints: ["erp-eu"]);
    private static readonly RouteRule BigToPayments = Rule("big-orders", when: [Field("total", "GreaterThan", "1000")], endpoints: ["payments", "erp-eu"]);
    private static readonly RouteRule AllToInventory = Rule("everything", endpoints: ["inventory", "erp-eu"]);
    private static readonly RouteRule EuAudit = Rule("eu-audit", when: [Field("region", "Equals", "EU")], endpoints: []);

    private static RoutingOptions Options(string? mode, DefaultRoute? fallback, params RouteRule[] routes) =>
        new() { Mode = mode, Routes = routes, Default = fallback };

    [Fact]
    public void FirstMatch_sends_to_the_first_matching_rule_only()
    {
        var decision = Table(Options("FirstMatch", null, EuToErp, BigToPayments, AllToInventory)).Route(Messages.Of(Messages.BookOrder("EU", 5000m)));

        Assert.Equal(["eu-erp"], decision.Routes);
        Assert.Equal(["erp-eu"], decision.Endpoints);
    }

    [Fact]
    public void An_absent_mode_is_FirstMatch() =>
        Assert.Equal(["eu-erp"], Table(Options(null, null, EuToErp, AllToInventory)).Route(Messages.Of(Messages.BookOrder("EU"))).Routes);

    [Fact]
    public void Multicast_sends_to_the_union_of_every_matching_rule_deduplicated_in_rule_order()
    {
        var decision = Table(Options("Multicast", null, EuToErp, BigToPayments, AllToInventory)).Route(Messages.Of(Messages.BookOrder("EU", 5000m)));

        Assert.Equal(["eu-erp", "big-orders", "everything"], decision.Routes);
        Assert.Equal(["erp-eu", "payments", "inventory"], decision.Endpoints);
        Assert.False(decision.IsDefault);
        Assert.False(decision.Unroutable);
    }

    [Fact]
    public void Multicast_with_one_matching_rule_is_that_rules_decision() =>
        Assert.Equal(["big-orders"], Table(Options("multicast", null, EuToErp, BigToPayments)).Route(Messages.Of(Messages.BookOrder("US", 5000m))).Routes);

    [Fact]
    public void Multicast_of_a_rule_without_endpoints_and_one_with_them_delivers_to_the_latter()
    {
        var decision = Table(Options("Multicast", null, EuAudit, EuToErp)).Route(Messages.Of(Messages.BookOrder("EU")));

        Assert.Equal(["eu-audit", "eu-erp"], decision.Routes);
        Assert.Equal(["erp-eu"], decision.Endpoints);
    }

    [Fact]
    public void A_matched_rule_without_endpoints_is_matched_with_nowhere_to_deliver_not_unroutable()
    {
        var decision = Table(Options("FirstMatch", null, EuAudit, EuToErp)).Route(Messages.Of(Messages.BookOrder("EU")));

        Assert.Equal(["eu-audit"], decision.Routes);
        Assert.Empty(decision.Endpoints);
        Assert.False(decision.Unroutable);
        Assert.False(decision.IsDefault);
    }

    [Theory]
    [InlineData("FirstMatch")]
    [InlineData("Multicast")]
    public void No_match_with_a_default_route_uses_the_default(string mode)
    {
        var decision = Table(Options(mode, new DefaultRoute { Endpoints = ["inventory"] }, EuToErp)).Route(Messages.Of(Messages.BookOrder("US")));

        Assert.Equal([RouteDecision.DefaultRouteName], decision.Routes);
        Assert.Equal(["inventory"], decision.Endpoints);
        Assert.True(decision.IsDefault);
        Assert.False(decision.Unroutable);
    }

    [Fact]
    public void A_default_route_without_endpoints_accepts_and_delivers_nowhere()
    {
        var decision = Table(Options(null, new DefaultRoute(), EuToErp)).Route(Messages.Of(Messages.BookOrder("US")));

        Assert.True(decision.IsDefault);
        Assert.Empty(decision.Endpoints);
        Assert.False(decision.Unroutable);
    }

    [Theory]
    [InlineData("FirstMatch")]
    [InlineData("Multicast")]
    public void No_match_without_a_default_route_is_unroutable(string mode)
    {
        var decision = Table(Options(mode, null, EuToErp)).Route(Messages.Of(Messages.BookOrder("US")));

        Assert.True(decision.Unroutable);
        Assert.False(decision.IsDefault);
        Assert.Empty(decision.Routes);
        Assert.Empty(decision.Endpoints);
    }

    [Fact]
    public void Any_conditions_need_one_to_hold_besides_every_When_condition()
    {
        var rule = Rule(
            "eu-or-us-big",
            when: [Field("total", "GreaterThan", "1000")],
            any: [Field("region", "Equals", "EU"), Field("region", "Equals", "US")],
            endpoints: ["payments"]);
        var table = Table(rule);

        Assert.False(table.Route(Messages.Of(Messages.BookOrder("US", 5000m))).Unroutable);
        Assert.True(table.Route(Messages.Of(Messages.BookOrder("APAC", 5000m))).Unroutable);
        Assert.True(table.Route(Messages.Of(Messages.BookOrder("EU", 10m))).Unroutable);
    }

    [Fact]
    public void Endpoints_are_deduplicated_and_spelled_as_declared_under_Endpoints() =>
        Assert.Equal(["erp-eu", "inventory"], Table(Rule("dup", endpoints: ["ERP-EU", "erp-eu", "Inventory"])).Route(Messages.Of(Messages.BookOrder("EU"))).Endpoints);
}
