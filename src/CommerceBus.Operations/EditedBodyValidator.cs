using System.Reflection;
using System.Text.Json;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;

namespace CommerceBus.Operations;

/// <summary>
/// Checks an operator's replacement body against the canonical contract of the failed message's type: it must be that
/// type's JSON, with every field present, and stay with the same order (tracking id and order number unchanged).
/// </summary>
internal static class EditedBodyValidator
{
    public static object? TryRead(string json, Type type, IOrderMessage original, out Dictionary<string, string[]> errors)
    {
        errors = [];
        object? message;
        try
        {
            message = CanonicalJson.Deserialize(json, type);
        }
        catch (JsonException ex)
        {
            errors[ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body"] = [$"not a valid {type.Name}: {ex.Message}"];
            return null;
        }
        catch (NotSupportedException ex)
        {
            errors["body"] = [$"not a valid {type.Name}: {ex.Message}"];
            return null;
        }

        if (message is not IOrderMessage edited)
        {
            errors["body"] = [$"the body must be a {type.Name} JSON object"];
            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(message);
            if (value is null || value is string { Length: 0 } || (value is Guid g && g == Guid.Empty))
            {
                errors[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = [$"{property.Name} is required"];
            }
        }

        if (edited.TrackingId != original.TrackingId)
        {
            errors["trackingId"] = [$"must stay {original.TrackingId}: an edit cannot move a message to another order"];
        }

        if (!string.Equals(edited.OrderNumber, original.OrderNumber, StringComparison.Ordinal))
        {
            errors["orderNumber"] = [$"must stay {original.OrderNumber}: an edit cannot move a message to another order"];
        }

        return errors.Count == 0 ? message : null;
    }
}
