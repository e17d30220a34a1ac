using System.Text.Json;

namespace CommerceBus.Routing.Matching;

/// <summary>One value a condition looks at: a JSON value from the body, a header's text, or nothing.</summary>
internal readonly struct RouteValue
{
    private RouteValue(JsonElement element, string? text, bool present)
    {
        Element = element;
        Text = text;
        IsPresent = present;
    }

    public static RouteValue Missing => default;

    public bool IsPresent { get; }

    /// <summary>The body value; meaningful only when <see cref="Text"/> is null and the value is present.</summary>
    public JsonElement Element { get; }

    /// <summary>The header value, or null for a body value.</summary>
    public string? Text { get; }

    public static RouteValue Json(JsonElement element) => new(element, null, true);

    public static RouteValue Header(string text) => new(default, text, true);
}
