using CommerceBus.Routing;
using Xunit;

namespace CommerceBus.UnitTests.Routing;

/// <summary>Mistakes in the configuration itself, which binding alone would ignore or throw on.</summary>
public sealed class SettingsShapeTests
{
    private static IReadOnlyList<RoutingProblem> ProblemsOf(string routing)
    {
        using var host = new RoutingHost(RoutingHost.Json(routing));
        return Assert.Throws<RoutingConfigurationException>(() => host.Router).Problems;
    }

    [Fact]
    public void A_misspelt_setting_is_reported_instead_of_silently_ignored()
    {
        var problems = ProblemsOf("""
            { "Routes": [ { "Name": "digital", "Types": [ "BookShipment" ],
                            "When": [ { "Field": "lines[*].sku", "Op": "Prefix", "Value": "DIG-", "Quantifer": "All" } ] } ] }
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(("digital", "When[0].Quantifer"), (problem.Route, problem.Setting));
        Assert.Contains("unknown setting; expected one of", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_settings_are_reported_at_every_level()
    {
        var problems = ProblemsOf("""{ "Mood": "Multicast", "Routes": [ { "Nmae": "x" } ], "Default": { "Endpoint": [ "inventory" ] } }""");

        Assert.Contains(problems, p => p.Route == null && p.Setting == "Mood");
        Assert.Contains(problems, p => p.Route == "Routes[0]" && p.Setting == "Nmae");
        Assert.Contains(problems, p => p.Route == "(default)" && p.Setting == "Default.Endpoint");
    }

    [Fact]
    public void A_single_value_where_a_list_belongs_is_reported()
    {
        var problem = Assert.Single(ProblemsOf("""{ "Routes": [ { "Name": "erp", "Types": "BookOrder", "Endpoints": [ "erp-eu" ] } ] }"""));

        Assert.Equal(("erp", "Types"), (problem.Route, problem.Setting));
        Assert.Contains("must be a list", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_where_a_single_value_belongs_is_reported()
    {
        var problems = ProblemsOf("""{ "Routes": [ { "Name": "erp", "When": [ { "Field": "region", "Op": "Equals", "Value": [ "EU", "US" ] } ] } ] }""");

        Assert.Contains(problems, p => p.Setting == "When[0].Value" && p.Message.Contains("single value", StringComparison.Ordinal));
    }

    [Fact]
    public void An_IgnoreCase_that_is_not_a_boolean_is_reported_without_the_binder_throwing()
    {
        var problems = ProblemsOf("""{ "Routes": [ { "Name": "erp", "When": [ { "Field": "region", "Op": "Equals", "Value": "EU", "IgnoreCase": "yes" } ] } ] }""");

        var problem = Assert.Single(problems);
        Assert.Equal(("erp", "When[0].IgnoreCase"), (problem.Route, problem.Setting));
        Assert.Equal("'yes' is not true or false", problem.Message);
    }

    [Fact]
    public void A_default_with_an_empty_Endpoints_list_accepts_and_delivers_nowhere()
    {
        using var host = new RoutingHost(RoutingHost.Json("""{ "Routes": [], "Default": { "Endpoints": [] } }"""));

        var decision = host.Router.Route(Messages.Of(Messages.BookOrder("EU")));

        Assert.True(decision.IsDefault);
        Assert.Empty(decision.Endpoints);
        Assert.False(decision.Unroutable);
    }

    [Theory]
    [InlineData("""{ "Routes": [] }""")]
    [InlineData("""{ "Routes": [], "Default": null }""")]
    [InlineData("""{ "Routes": [], "Default": {} }""")]
    public void No_default_a_null_default_or_an_empty_default_object_leave_unmatched_messages_unroutable(string routing)
    {
        // Configuration cannot tell {} from null; reading either as "deliver nowhere" would swallow messages silently.
        using var host = new RoutingHost(RoutingHost.Json(routing));

        Assert.True(host.Router.Route(Messages.Of(Messages.BookOrder("EU"))).Unroutable);
    }

    [Fact]
    public void Setting_names_are_read_ignoring_case_like_all_configuration()
    {
        using var host = new RoutingHost(RoutingHost.Json("""{ "mode": "multicast", "routes": [ { "name": "all", "endpoints": [ "inventory" ] } ] }"""));

        Assert.Equal(["inventory"], host.Router.Route(Messages.Of(Messages.BookOrder("EU"))).Endpoints);
    }
}
