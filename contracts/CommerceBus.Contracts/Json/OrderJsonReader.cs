using System.Globalization;
using System.Text.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Contracts.Validation;

namespace CommerceBus.Contracts.Json;

/// <summary>
/// Reads the JSON order bodies of the wire contracts (REST, AMQP) into canonical commands, field by field, so that a
/// value of the wrong JSON type is reported against its field instead of failing the whole body.
/// </summary>
/// <remarks>
/// The reader only translates; the field rules stay in <see cref="OrderValidator"/>. Property names match
/// case-insensitively; unknown properties are ignored.
/// </remarks>
public static class OrderJsonReader
{
    /// <summary>Reads a place-order body; <paramref name="errors"/> lists the fields whose JSON type was wrong.</summary>
    public static PlaceOrder ReadPlaceOrder(JsonElement body, out IReadOnlyList<FieldError> errors)
    {
        var found = new List<FieldError>();
        errors = found;
        if (body.ValueKind != JsonValueKind.Object)
        {
            found.Add(new("$", $"the body must be a JSON object (was {Describe(body.ValueKind)})"));
            return new PlaceOrder();
        }

        var shipTo = Property(body, "shipTo");
        Address? address = null;
        if (shipTo is { ValueKind: JsonValueKind.Object } s)
        {
            address = new Address
            {
                Name = String(s, "name", "shipTo.name", found),
                Street = String(s, "street", "shipTo.street", found),
                City = String(s, "city", "shipTo.city", found),
                PostalCode = String(s, "postalCode", "shipTo.postalCode", found),
                Country = String(s, "country", "shipTo.country", found),
            };
        }
        else if (shipTo is { ValueKind: not JsonValueKind.Null } other)
        {
            found.Add(new("shipTo", $"must be an object (was {Describe(other.ValueKind)})"));
        }

        return new PlaceOrder
        {
            OrderNumber = String(body, "orderNumber", "orderNumber", found),
            CustomerId = String(body, "customerId", "customerId", found),
            Currency = String(body, "currency", "currency", found),
            Region = String(body, "region", "region", found),
            ShipTo = address,
            Lines = Lines(body, found),
        };
    }

    /// <summary>Reads a cancel body (<c>{"orderNumber","reason"}</c>); the order number may come from elsewhere (a URL).</summary>
    public static CancelOrder ReadCancelOrder(JsonElement body, string? orderNumber, out IReadOnlyList<FieldError> errors)
    {
        var found = new List<FieldError>();
        errors = found;
        if (body.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new CancelOrder { OrderNumber = orderNumber };
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            found.Add(new("$", $"the body must be a JSON object (was {Describe(body.ValueKind)})"));
            return new CancelOrder { OrderNumber = orderNumber };
        }

        return new CancelOrder
        {
            OrderNumber = orderNumber ?? String(body, "orderNumber", "orderNumber", found),
            Reason = String(body, "reason", "reason", found),
        };
    }

    private static List<OrderLine>? Lines(JsonElement body, List<FieldError> errors)
    {
        var lines = Property(body, "lines");
        if (lines is null || lines.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (lines.Value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("lines", $"must be an array (was {Describe(lines.Value.ValueKind)})"));
            return null;
        }

        var result = new List<OrderLine>();
        var index = 0;
        foreach (var line in lines.Value.EnumerateArray())
        {
            var path = $"lines[{index++}]";
            if (line.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, $"must be an object (was {Describe(line.ValueKind)})"));
                result.Add(new OrderLine());
                continue;
            }

            result.Add(new OrderLine
            {
                Sku = String(line, "sku", $"{path}.sku", errors),
                Quantity = Integer(line, "quantity", $"{path}.quantity", errors),
                UnitPrice = Decimal(line, "unitPrice", $"{path}.unitPrice", errors),
            });
        }

        return result;
    }

    private static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            // A name that is not valid UTF-8 cannot be one of ours: it is an unknown property, ignored like the others.
            if (TryText(() => property.Name) is { } text && string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        var value = Property(obj, name);
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var element = value.Value;
                if (TryText(element.GetString) is { } text)
                {
                    return text;
                }

                errors.Add(new(path, "must be valid UTF-8 text (the JSON string holds bytes that are not UTF-8)"));
                return null;
            default:
                errors.Add(new(path, $"must be a string (was {Describe(value.Value.ValueKind)})"));
                return null;
        }
    }

    private static int Integer(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        var value = Property(obj, name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out var number))
        {
            return number;
        }

        errors.Add(new(path, value.Value.ValueKind == JsonValueKind.Number
            ? $"must be a whole number from 1 to 9999 (was {value.Value.GetRawText()})"
            : $"must be a number (was {Describe(value.Value.ValueKind)})"));
        return 0;
    }

    private static decimal Decimal(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        var value = Property(obj, name);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return 0m;
        }

        if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDecimal(out var number))
        {
            return number;
        }

        errors.Add(new(path, value.Value.ValueKind == JsonValueKind.Number
            ? $"must be from 0.01 to 99999999.99 (was {value.Value.GetRawText()})"
            : $"must be a number (was {Describe(value.Value.ValueKind)})"));
        return 0m;
    }

    /// <summary>
    /// The text of a JSON string or property name, or null when its bytes are not valid UTF-8: JsonDocument checks the
    /// JSON syntax but leaves string contents to be transcoded on read, which throws.
    /// </summary>
    private static string? TryText(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
