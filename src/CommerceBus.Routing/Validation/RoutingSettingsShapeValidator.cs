using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Routing.Validation;

/// <summary>
/// Checks the raw <c>CommerceBus:Routing</c> section against <see cref="RoutingSettingsShape"/>: unknown keys, a value
/// where a list belongs, a list where a value belongs, an IgnoreCase that is not a boolean.
/// </summary>
/// <remarks>
/// The configuration binder ignores unknown keys, so a typo such as <c>"Quantifer": "All"</c> would silently route by
/// <c>Any</c>; and it throws on the first unconvertible value, which would hide every other problem. Checking the raw
/// section first reports all of them.
/// </remarks>
internal static class RoutingSettingsShapeValidator
{
    public static IReadOnlyList<RoutingProblem> Validate(IConfiguration routing)
    {
        var problems = new List<RoutingProblem>();
        CheckMembers(routing, RoutingSettingsShape.Routing, route: null, path: "", problems);
        return problems;
    }

    private static void Check(IConfigurationSection section, RoutingSettingsShape shape, string? route, string path, List<RoutingProblem> problems)
    {
        var hasChildren = section.GetChildren().Any();
        var hasValue = !string.IsNullOrEmpty(section.Value);
        switch (shape.Kind)
        {
            case ShapeKind.Value or ShapeKind.Boolean when hasChildren:
                problems.Add(new(route, SettingName(path), "must be a single value, not a list or an object"));
                break;
            case ShapeKind.Boolean when hasValue && !bool.TryParse(section.Value, out _):
                problems.Add(new(route, SettingName(path), $"'{section.Value}' is not true or false"));
                break;
            case ShapeKind.List or ShapeKind.Object when hasValue:
                problems.Add(new(route, SettingName(path), shape.Kind == ShapeKind.List
                    ? $"must be a list, e.g. [ \"{section.Value}\" ], not a single value"
                    : "must be an object, not a single value"));
                break;
            case ShapeKind.List:
                CheckItems(section, shape.Item!, route, path, problems);
                break;
            case ShapeKind.Object:
                CheckMembers(section, shape, route, path, problems);
                break;
        }
    }

    private static void CheckItems(IConfigurationSection list, RoutingSettingsShape item, string? route, string path, List<RoutingProblem> problems)
    {
        foreach (var child in list.GetChildren())
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                problems.Add(new(route, SettingName(path), $"must be a list, not an object (found key '{child.Key}')"));
                return;
            }

            // Entering a rule: from here on problems name the rule, and settings are relative to it.
            var isRule = route is null && path == nameof(RoutingOptions.Routes);
            Check(
                child,
                item,
                isRule ? (string.IsNullOrWhiteSpace(child[nameof(RouteRule.Name)]) ? $"Routes[{index}]" : child[nameof(RouteRule.Name)]) : route,
                isRule ? "" : $"{path}[{index}]",
                problems);
        }
    }

    private static void CheckMembers(IConfiguration section, RoutingSettingsShape shape, string? route, string path, List<RoutingProblem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var setting = path.Length == 0 ? child.Key : $"{path}.{child.Key}";
            if (!shape.Members!.TryGetValue(child.Key, out var member))
            {
                problems.Add(new(route, setting, $"unknown setting; expected one of {string.Join(", ", shape.Members.Keys)}"));
                continue;
            }

            var isDefault = route is null && path.Length == 0
                && string.Equals(child.Key, nameof(RoutingOptions.Default), StringComparison.OrdinalIgnoreCase);
            Check(child, member, isDefault ? RouteDecision.DefaultRouteName : route, setting, problems);
        }
    }

    // A rule's own path is empty (its settings are relative to it); a problem with the rule as a whole names the list.
    private static string SettingName(string path) => path.Length == 0 ? nameof(RoutingOptions.Routes) : path;
}
