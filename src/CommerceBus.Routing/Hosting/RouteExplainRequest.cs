using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using CommerceBus.Contracts;

namespace CommerceBus.Routing.Hosting;

/// <summary>Reads <c>{ "type": ..., "headers": {...}, "body": {...} }</c> into a routable message, naming every field that is wrong.</summary>
internal static class RouteExplainRequest
{
    public static bool TryRead(JsonElement request, [NotNullWhen(true)] out RoutableMessage? message, out Dictionary<string, string[]> errors)
    {
        message = null;
        errors = [];
        if (request.ValueKind != JsonValueKind.Object)
        {
            errors[""] = ["The request must be a JSON object: { \"type\": ..., \"headers\": { ... }, \"body\": { ... } }."];
            return false;
        }

        var type = ReadType(Find(request, "type"), errors);
        var headers = ReadHeaders(Find(request, "headers"), errors);
        var body = Find(request, "body");
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [body.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? "Required: the message as canonical camelCase JSON."
                : "Must be a JSON object: the message as canonical camelCase JSON."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        message = new RoutableMessage(type!, headers, body);
        return true;
    }

    private static string? ReadType(JsonElement type, Dictionary<string, string[]> errors)
    {
        var name = type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["type"] = ["Required: a canonical message type, e.g. BookOrder or BookOrder.v1."];
            return null;
        }

        if (!CanonicalTypes.TryResolve(name.Trim(), out var resolved))
        {
            errors["type"] = [$"'{name}' is not a canonical message type."];
            return null;
        }

        return CanonicalTypes.VersionedNameOf(resolved);
    }

    private static Dictionary<string, string> ReadHeaders(JsonElement headers, Dictionary<string, string[]> errors)
    {
        var read = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return read;
        }

        if (headers.ValueKind != JsonValueKind.Object)
        {
            errors["headers"] = ["Must be a JSON object of header names to string values."];
            return read;
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (header.Value.ValueKind == JsonValueKind.String)
            {
                read[header.Name] = header.Value.GetString()!;
            }
            else
            {
                errors[$"headers.{header.Name}"] = ["Must be a string: headers carry text."];
            }
        }

        return read;
    }

    private static JsonElement Find(JsonElement request, string name)
    {
        foreach (var property in request.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return default;
    }
}
