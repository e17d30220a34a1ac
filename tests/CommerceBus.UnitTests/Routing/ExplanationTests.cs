using CommerceBus.Routing;
using CommerceBus.Routing.Matching;
using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

public sealed class ExplanationTests : IDisposable
{
    private readonly RoutingHost demo = new(DemoConfiguration.Json);

    public void Dispose() => demo.Dispose();

    [Fact]
    public void Every_rule_is_listed_in_order_with_the_decision()
    {
        var explanation = demo.Router.Explain(Messages.Of(Messages.BookOrder("US")));

        Assert.Equal("BookOrder.v1", explanation.Type);
        Assert.Equal(RoutingMode.FirstMatch, explanation.Mode);
        Assert.Equal(["erp-us"], explanation.Routes);
        Assert.Equal(["erp-us"], explanation.Endpoints);
        Assert.False(explanation.IsDefault);
        Assert.False(explanation.Unroutable);
        Assert.Equal(
            ["order-intake", "erp-eu", "erp-us", "digital-goods-skip-shipping", "shipping", "priority-header-example"],
            explanation.Rules.Select(r => r.Name));
    }

    [Fact]
    public void Each_condition_says_what_it_expected_and_what_the_message_had()
    {
        var rules = demo.Router.Explain(Messages.Of(Messages.BookOrder("US"))).Rules;

        var eu = rules[1];
        Assert.False(eu.Matched);
        Assert.Equal(["type BookOrder.v1 is one of BookOrder, CancelBooking", "region Equals 'EU': was 'US'"], eu.Reasons);
        var us = rules[2];
        Assert.True(us.Matched);
        Assert.True(us.Considered);
        Assert.Equal(["erp-us"], us.Endpoints);
        Assert.Equal(["type BookOrder.v1 is one of BookOrder, CancelBooking", "region In ['US', 'APAC']: was 'US'"], us.Reasons);
    }

    [Fact]
    public void A_type_mismatch_is_a_reason_too()
    {
        var rule = demo.Router.Explain(Messages.Of(Messages.BookShipment("BOOK-1"))).Rules[1];

        Assert.False(rule.Matched);
        Assert.Equal("type BookShipment.v1 is not one of BookOrder, CancelBooking", rule.Reasons[0]);
    }

    [Fact]
    public void In_FirstMatch_rules_after_the_winner_are_evaluated_but_marked_not_considered()
    {
        var rules = demo.Router.Explain(Messages.Of(Messages.BookShipment("DIG-1", "DIG-2"))).Rules;

        Assert.Equal([true, true, true, true, false, false], rules.Select(r => r.Considered));
        Assert.True(rules[3].Matched);
        Assert.True(rules[4].Matched);
    }

    [Fact]
    public void Wildcard_paths_show_every_value_they_reached()
    {
        var rule = demo.Router.Explain(Messages.Of(Messages.BookShipment("DIG-1", "BOOK-2"))).Rules[3];

        Assert.False(rule.Matched);
        Assert.Equal("lines[*].sku Prefix 'DIG-' (All): was ['DIG-1', 'BOOK-2']", rule.Reasons[1]);
    }

    [Fact]
    public void An_empty_collection_and_a_missing_header_read_as_such()
    {
        var rules = demo.Router.Explain(Messages.Of(Messages.BookShipment())).Rules;

        Assert.Equal("lines[*].sku Prefix 'DIG-' (All): was []", rules[3].Reasons[1]);
        Assert.Equal(["header x-priority Equals 'high': was missing"], rules[5].Reasons);
    }

    [Fact]
    public void Any_conditions_are_marked_and_a_failed_group_says_so()
    {
        var table = Table(Rule("eu-or-us", any: [Field("region", "Equals", "EU"), Field("region", "Equals", "US", ignoreCase: true)], endpoints: ["erp-eu"]));

        var rule = RouteExplainer.Explain(table, Messages.Of(Messages.BookOrder("APAC"))).Rules[0];

        Assert.False(rule.Matched);
        Assert.Equal(
            ["any: region Equals 'EU': was 'APAC'", "any: region Equals 'US' (ignore case): was 'APAC'", "none of the Any conditions holds"],
            rule.Reasons);
    }

    [Fact]
    public void Numbers_objects_and_comparisons_read_naturally()
    {
        var table = Table(Rule("big", when: [Field("total", "GreaterThanOrEqual", "1000"), Field("lines", "Exists")], endpoints: ["payments"]));

        var rule = RouteExplainer.Explain(table, Messages.Json("BookOrder.v1", """{ "total": 99.5, "lines": [] }""")).Rules[0];

        Assert.Equal(["total GreaterThanOrEqual 1000: was 99.5", "lines Exists: was an array"], rule.Reasons);
    }

    [Fact]
    public void In_Multicast_every_rule_is_considered()
    {
        var table = Table(new RoutingOptions { Mode = "Multicast", Routes = [Rule("a", endpoints: ["inventory"]), Rule("b", endpoints: ["payments"])] });

        var explanation = RouteExplainer.Explain(table, Messages.Of(Messages.BookOrder("EU")));

        Assert.Equal(RoutingMode.Multicast, explanation.Mode);
        Assert.Equal(["a", "b"], explanation.Routes);
        Assert.All(explanation.Rules, r => Assert.True(r.Considered && r.Matched));
    }

    [Fact]
    public void The_default_route_and_unroutable_are_explained()
    {
        var withDefault = Table(new RoutingOptions { Routes = [Rule("never", types: ["PlaceOrder"])], Default = new DefaultRoute { Endpoints = ["inventory"] } });
        var without = Table(Rule("never", types: ["PlaceOrder"]));
        var message = Messages.Of(Messages.BookOrder("EU"));

        var fallback = RouteExplainer.Explain(withDefault, message);
        var unroutable = RouteExplainer.Explain(without, message);

        Assert.True(fallback.IsDefault);
        Assert.Equal(["(default)"], fallback.Routes);
        Assert.Equal(["inventory"], fallback.Endpoints);
        Assert.True(unroutable.Unroutable);
        Assert.False(Assert.Single(unroutable.Rules).Matched);
    }

    [Theory]
    [InlineData("EU", "BOOK-1")]
    [InlineData("US", "DIG-1")]
    [InlineData("APAC", "DIG-1")]
    [InlineData("LATAM", "BOOK-1")]
    public void Explanation_and_routing_agree_on_every_rule(string region, string sku)
    {
        foreach (var message in new[] { Messages.Of(Messages.BookOrder(region, 10m, sku)), Messages.Of(Messages.BookShipment(sku)) })
        {
            var decision = demo.Router.Route(message);
            var explanation = demo.Router.Explain(message);

            Assert.Equal(decision.Routes, explanation.Routes);
            Assert.Equal(decision.Endpoints, explanation.Endpoints);
            Assert.Equal(decision.Routes, explanation.Rules.Where(r => r.Matched && r.Considered).Select(r => r.Name));
        }
    }
}
