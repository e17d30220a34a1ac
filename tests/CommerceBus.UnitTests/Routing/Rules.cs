using CommerceBus.Routing;
using CommerceBus.Routing.Matching;

namespace CommerceBus.UnitTests.Routing;

/// <summary>Route tables written in code, compiled the way configuration is.</summary>
internal static class Rules
{
    public static readonly string[] Endpoints = ["inventory", "erp-eu", "erp-us", "shipping", "payments", "order-fulfillment", "priority"];

    public static RouteTable Table(params RouteRule[] routes) => RouteTableBuilder.Build(new RoutingOptions { Routes = routes }, Endpoints);

    public static RouteTable Table(RoutingOptions options) => RouteTableBuilder.Build(options, Endpoints);

    public static IReadOnlyList<RoutingProblem> Problems(RoutingOptions options)
    {
        RouteTableBuilder.TryBuild(options, Endpoints, out _, out var problems);
        return problems;
    }

    public static IReadOnlyList<RoutingProblem> Problems(params RouteRule[] routes) => Problems(new RoutingOptions { Routes = routes });

    public static RouteRule Rule(string name, string[]? types = null, RouteCondition[]? when = null, string[]? endpoints = null, RouteCondition[]? any = null) =>
        new() { Name = name, Types = types ?? [], When = when ?? [], Any = any ?? [], Endpoints = endpoints ?? [] };

    public static RouteCondition Field(string path, string op, string? value = null, string[]? values = null, string? quantifier = null, bool ignoreCase = false) =>
        new() { Field = path, Op = op, Value = value, Values = values ?? [], Quantifier = quantifier, IgnoreCase = ignoreCase };

    public static RouteCondition Header(string name, string op, string? value = null, string[]? values = null, bool ignoreCase = false) =>
        new() { Header = name, Op = op, Value = value, Values = values ?? [], IgnoreCase = ignoreCase };

    /// <summary>Whether a message matches a single condition: a one-rule table with no default routes it or not.</summary>
    public static bool Holds(RouteCondition condition, RoutableMessage message) =>
        !Table(Rule("only", when: [condition], endpoints: ["inventory"])).Route(message).Unroutable;
}
