using CommerceBus.Routing;
using Xunit;
using static CommerceBus.UnitTests.Routing.Rules;

namespace CommerceBus.UnitTests.Routing;

public sealed class ValidationTests
{
    private static RoutingProblem Single(IReadOnlyList<RoutingProblem> problems) => Assert.Single(problems);

    private static RoutingProblem OnlyProblemOf(RouteCondition condition) =>
        Single(Problems(Rule("r", when: [condition], endpoints: ["inventory"])));

    [Fact]
    public void A_valid_table_has_no_problems() =>
        Assert.Empty(Problems(Rule("r", types: ["BookOrder.v1"], when: [Field("region", "Equals", "EU")], endpoints: ["erp-eu"])));

    [Fact]
    public void A_rule_without_name_is_reported_by_position()
    {
        var problem = Single(Problems(Rule("a", endpoints: ["inventory"]), Rule(" ", endpoints: ["inventory"])));

        Assert.Equal(("Routes[1]", "Name"), (problem.Route, problem.Setting));
        Assert.Contains("required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_are_reported_ignoring_case()
    {
        var problem = Single(Problems(Rule("erp", endpoints: ["erp-eu"]), Rule("ERP", endpoints: ["erp-us"])));

        Assert.Equal(("ERP", "Name"), (problem.Route, problem.Setting));
        Assert.Contains("Routes[0] and Routes[1]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_route_name_is_reserved() =>
        Assert.Equal("Name", Single(Problems(Rule("(default)"))).Setting);

    [Fact]
    public void Types_that_do_not_resolve_are_reported_each_with_its_index()
    {
        var problems = Problems(Rule("erp", types: ["BookOrder", "BookOrdr", "BookOrder.v9", ""], endpoints: ["erp-eu"]));

        Assert.Equal(["Types[1]", "Types[2]", "Types[3]"], problems.Select(p => p.Setting));
        Assert.All(problems, p => Assert.Equal("erp", p.Route));
        Assert.Contains("'BookOrdr' is not a canonical message type", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_operator_is_reported_with_the_known_ones()
    {
        var problem = OnlyProblemOf(Field("region", "Equal", "EU"));

        Assert.Equal(("r", "When[0].Op"), (problem.Route, problem.Setting));
        Assert.Contains("unknown operator 'Equal'; expected one of Equals, NotEquals, In", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_operator_is_reported() =>
        Assert.Equal("When[0].Op", OnlyProblemOf(Field("region", " ")).Setting);

    [Theory]
    [InlineData("In")]
    [InlineData("NotIn")]
    public void In_and_NotIn_need_Values(string op)
    {
        var problem = OnlyProblemOf(Field("region", op, value: "EU"));

        Assert.Equal("When[0].Values", problem.Setting);
        Assert.Contains("needs Values (a list), not Value", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_with_both_Values_and_Value_reports_the_ignored_Value() =>
        Assert.Equal("When[0].Value", OnlyProblemOf(Field("region", "In", value: "EU", values: ["US"])).Setting);

    [Theory]
    [InlineData("GreaterThan", "abc")]
    [InlineData("GreaterThanOrEqual", null)]
    [InlineData("LessThan", "1,5")]
    [InlineData("LessThanOrEqual", "")]
    public void Comparisons_need_a_numeric_Value(string op, string? value)
    {
        var problem = OnlyProblemOf(Field("total", op, value));

        Assert.Equal("When[0].Value", problem.Setting);
        Assert.Contains("needs a numeric Value", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Exists")]
    [InlineData("NotExists")]
    public void Exists_and_NotExists_take_no_operand(string op)
    {
        var problems = Problems(Rule("r", when: [Field("region", op, value: "EU", values: ["US"])], endpoints: ["inventory"]));

        Assert.Equal(["When[0].Value", "When[0].Values"], problems.Select(p => p.Setting));
    }

    [Theory]
    [InlineData("Equals", null)]
    [InlineData("NotEquals", null)]
    [InlineData("Prefix", "")]
    [InlineData("Contains", null)]
    public void Single_value_operators_need_a_Value(string op, string? value) =>
        Assert.Equal("When[0].Value", OnlyProblemOf(Field("region", op, value)).Setting);

    [Fact]
    public void Equals_with_Values_suggests_In()
    {
        var problems = Problems(Rule("r", when: [Field("region", "Equals", values: ["EU", "US"])], endpoints: ["inventory"]));

        Assert.Contains(problems, p => p.Setting == "When[0].Values" && p.Message.Contains("use In for a list", StringComparison.Ordinal));
    }

    [Fact]
    public void Equals_an_empty_text_is_allowed() =>
        Assert.Empty(Problems(Rule("r", when: [Field("region", "Equals", "")], endpoints: ["inventory"])));

    [Fact]
    public void A_condition_with_both_Field_and_Header_is_reported()
    {
        var problem = OnlyProblemOf(new RouteCondition { Field = "region", Header = "x-region", Op = "Exists" });

        Assert.Equal("When[0]", problem.Setting);
        Assert.Contains("either Field or Header, not both", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_with_neither_Field_nor_Header_is_reported() =>
        Assert.Contains("needs a Field", OnlyProblemOf(new RouteCondition { Op = "Exists" }).Message, StringComparison.Ordinal);

    [Fact]
    public void An_invalid_path_is_reported_with_the_reason()
    {
        var problem = OnlyProblemOf(Field("lines[x].sku", "Exists"));

        Assert.Equal("When[0].Field", problem.Setting);
        Assert.Contains("'lines[x].sku' is not a valid path: '[x]' is not an index", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_quantifier_is_reported() =>
        Assert.Equal("When[0].Quantifier", OnlyProblemOf(Field("lines[*].sku", "Exists", quantifier: "Every")).Setting);

    [Fact]
    public void Conditions_under_Any_are_validated_too() =>
        Assert.Equal("Any[1].Op", Single(Problems(Rule("r", any: [Field("a", "Exists"), Field("b", "Like", "x")], endpoints: ["inventory"]))).Setting);

    [Fact]
    public void An_endpoint_not_declared_under_Endpoints_is_reported()
    {
        var problem = Single(Problems(Rule("erp", endpoints: ["erp-eu", "erp-mars"])));

        Assert.Equal(("erp", "Endpoints[1]"), (problem.Route, problem.Setting));
        Assert.Contains("'erp-mars' is not declared under CommerceBus:Endpoints", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undeclared_endpoint_of_the_default_route_is_reported()
    {
        var problem = Single(Problems(new RoutingOptions { Default = new DefaultRoute { Endpoints = ["dead-letters"] } }));

        Assert.Equal((RouteDecision.DefaultRouteName, "Default.Endpoints[0]"), (problem.Route, problem.Setting));
    }

    [Fact]
    public void An_unknown_mode_is_reported()
    {
        var problem = Single(Problems(new RoutingOptions { Mode = "Broadcast" }));

        Assert.Equal((null, "Mode"), (problem.Route, problem.Setting));
        Assert.Equal("Mode: unknown mode 'Broadcast'; expected FirstMatch or Multicast", problem.ToString());
    }

    [Fact]
    public void A_numeric_mode_is_refused_although_Enum_parsing_would_accept_it() =>
        Assert.Single(Problems(new RoutingOptions { Mode = "1" }));

    [Fact]
    public void Every_problem_of_the_table_is_reported_not_just_the_first()
    {
        var options = new RoutingOptions
        {
            Mode = "Sometimes",
            Routes =
            [
                Rule("a", types: ["Nope"], when: [Field("x..y", "Equal")], endpoints: ["nowhere"]),
                Rule("a", when: [Field("total", "GreaterThan", "lots")]),
            ],
            Default = new DefaultRoute { Endpoints = ["void"] },
        };

        var exception = Assert.Throws<RoutingConfigurationException>(() => Table(options));

        Assert.Equal(
            ["Mode", "Name", "Types[0]", "When[0].Field", "When[0].Op", "When[0].Value", "Endpoints[0]", "Default.Endpoints[0]"],
            exception.Problems.Select(p => p.Setting));
        Assert.Contains("8 problem(s)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("route 'a', When[0].Op: unknown operator 'Equal'", exception.Message, StringComparison.Ordinal);
    }
}
