using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>Gets and sets values of a JSON object by dotted field name (<c>shipTo.postalCode</c>), as layouts name them.</summary>
internal static class JsonPaths
{
    public static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next)
            {
                next = [];
                target[part] = next;
            }

            target = next;
        }

        target[parts[^1]] = value;
    }

    public static JsonNode? Get(JsonObject body, string path)
    {
        JsonNode? node = body;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? Find(o, part) : null;
        }

        return node;
    }

    /// <summary>The value as text: a string as it is, a number or boolean as written in JSON; null for null or an object.</summary>
    public static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => JsonSerializer.Deserialize<string>(node.ToJsonString()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
        _ => null,
    };

    /// <summary>The value as a number, whether it was written as a JSON number or as a numeric string.</summary>
    public static decimal? Number(JsonNode? node)
    {
        var text = node?.GetValueKind() == JsonValueKind.Number ? node.ToJsonString() : Text(node);
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    // Property names match case-insensitively, as the canonical JSON readers do.
    private static JsonNode? Find(JsonObject node, string name) =>
        node.TryGetPropertyValue(name, out var exact)
            ? exact
            : node.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
