namespace CommerceBus.Routing.Validation;

/// <summary>The shape the <c>CommerceBus:Routing</c> section must have: which keys exist and which are lists, objects or values.</summary>
internal sealed class RoutingSettingsShape
{
    private RoutingSettingsShape(ShapeKind kind, RoutingSettingsShape? item = null, Dictionary<string, RoutingSettingsShape>? members = null)
    {
        Kind = kind;
        Item = item;
        Members = members;
    }

    public static RoutingSettingsShape Routing { get; } = Build();

    public ShapeKind Kind { get; }

    /// <summary>The shape of a list's elements.</summary>
    public RoutingSettingsShape? Item { get; }

    /// <summary>An object's settings, by case-insensitive name.</summary>
    public Dictionary<string, RoutingSettingsShape>? Members { get; }

    private static RoutingSettingsShape Build()
    {
        var text = new RoutingSettingsShape(ShapeKind.Value);
        var texts = new RoutingSettingsShape(ShapeKind.List, text);
        var condition = Object(new()
        {
            [nameof(RouteCondition.Field)] = text,
            [nameof(RouteCondition.Header)] = text,
            [nameof(RouteCondition.Op)] = text,
            [nameof(RouteCondition.Value)] = text,
            [nameof(RouteCondition.Values)] = texts,
            [nameof(RouteCondition.Quantifier)] = text,
            [nameof(RouteCondition.IgnoreCase)] = new(ShapeKind.Boolean),
        });
        var conditions = new RoutingSettingsShape(ShapeKind.List, condition);
        var rule = Object(new()
        {
            [nameof(RouteRule.Name)] = text,
            [nameof(RouteRule.Types)] = texts,
            [nameof(RouteRule.When)] = conditions,
            [nameof(RouteRule.Any)] = conditions,
            [nameof(RouteRule.Endpoints)] = texts,
        });
        return Object(new()
        {
            [nameof(RoutingOptions.Mode)] = text,
            [nameof(RoutingOptions.Routes)] = new(ShapeKind.List, rule),
            [nameof(RoutingOptions.Default)] = Object(new() { [nameof(DefaultRoute.Endpoints)] = texts }),
        });
    }

    private static RoutingSettingsShape Object(Dictionary<string, RoutingSettingsShape> members) =>
        new(ShapeKind.Object, members: new Dictionary<string, RoutingSettingsShape>(members, StringComparer.OrdinalIgnoreCase));
}
